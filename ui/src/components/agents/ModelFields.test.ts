// The Effort control shows that no level is chosen until the user picks one, with the level the
// API reports as a hint, so a default is never mistaken for (and saved as) a choice.
import { render, screen } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import type { Agent } from '$lib/ipc/bindings';
import { AgentEditor } from '$lib/agents/agentEditor.svelte';
import { setAgentEditor } from '$lib/agents/context';
import { agentFromCreate } from '$lib/testing/fakeApi';
import Provide from '$lib/testing/Provide.svelte';
import ModelFields from './ModelFields.svelte';

function renderFields(stored: Agent | null) {
  const editor = new AgentEditor(stored);
  render(Provide, { props: { provide: () => setAgentEditor(editor), view: ModelFields } });
  return { editor, user: userEvent.setup() };
}

const effort = () => screen.getByLabelText<HTMLSelectElement>('Effort');

describe('the Effort control', () => {
  it('shows Default for a saved agent, with the level the API reports as a hint', () => {
    renderFields(agentFromCreate({ name: 'a', model: 'claude-opus-4-6' }, 'agent_1', 2));
    expect(effort()).toHaveValue('');
    expect(effort().selectedOptions[0]).toHaveTextContent('Default');
    expect(effort()).toHaveAccessibleDescription('The API uses high when none is chosen.');
  });

  it("shows Default for a new agent, with the model's default as the hint", () => {
    renderFields(null);
    expect(effort()).toHaveValue('');
    expect(effort()).toHaveAccessibleDescription(
      "The API uses the model's default when none is chosen.",
    );
  });

  it('puts a level in the request only once the user picks it', async () => {
    const { editor, user } = renderFields(null);
    editor.form.values.name = 'a';
    expect(editor.body).toMatchObject({ model: 'claude-opus-4-6' });
    await user.selectOptions(effort(), 'medium');
    expect(editor.body).toMatchObject({
      model: { id: 'claude-opus-4-6', effort: { type: 'medium' } },
    });
  });
});
