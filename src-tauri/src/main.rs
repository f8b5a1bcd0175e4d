fn main() {
    agent_desk_lib::run()
}
