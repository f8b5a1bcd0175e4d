import { describe, expect, it } from 'vitest';
import type { FieldErrors } from '$lib/forms/fieldErrors';
import {
  emptyCustomTool,
  schemaProblem,
  schemaWarning,
  validateCustomTools,
  type CustomToolForm,
} from './customTools';

function tool(overrides: Partial<CustomToolForm>): CustomToolForm {
  return {
    ...emptyCustomTool(),
    name: 'get_weather',
    description: 'Gets the weather.',
    ...overrides,
  };
}

function errorsOf(tools: CustomToolForm[]): FieldErrors {
  const errors: FieldErrors = {};
  validateCustomTools(tools, errors);
  return errors;
}

describe('custom tool input schema', () => {
  it('accepts the starter schema a new tool gets', () => {
    expect(schemaProblem(emptyCustomTool().inputSchema)).toBeNull();
  });

  it('says on which line and column an invalid schema breaks', () => {
    const text =
      '{\n  "type": "object",\n  "properties": {\n    "city": {"type": "string"},\n  }\n}';
    expect(schemaProblem(text)).toMatch(/^Line 5, column 3: /);
  });

  it('points at the end when the schema is cut short', () => {
    expect(schemaProblem('{\n  "type": "object",')).toMatch(/^Line 2, column \d+: /);
  });

  it('wants an object schema', () => {
    expect(schemaProblem('[]')).toBe('The schema must be a JSON object.');
    expect(schemaProblem('{"type": "string"}')).toBe(
      'The input schema needs "type": "object" at the top.',
    );
    expect(schemaProblem('{"type": "object", "properties": []}')).toMatch(
      /"properties" must be an object/,
    );
    expect(schemaProblem('{"type": "object", "required": "city"}')).toBe(
      '"required" must be a list of property names.',
    );
    expect(schemaProblem('  ')).toMatch(/^Enter a JSON Schema/);
  });

  it('warns, without blocking, about a required name that is not a property', () => {
    const text = '{"type": "object", "properties": {"city": {}}, "required": ["city", "cty"]}';
    expect(schemaProblem(text)).toBeNull();
    expect(schemaWarning(text)).toBe('"required" names "cty", not in "properties".');
  });
});

describe('custom tools', () => {
  it('flags each problem on its own field', () => {
    expect(
      errorsOf([
        tool({ name: 'get weather' }),
        tool({ name: 'x'.repeat(129) }),
        tool({ name: 'b', description: ' ' }),
        tool({ name: 'c', inputSchema: '{"type": "object"' }),
      ]),
    ).toEqual({
      'customTools.0.name': 'Only letters, digits, _ and - (no spaces).',
      'customTools.1.name': 'At most 128 characters.',
      'customTools.2.description': expect.stringMatching(/^Describe what the tool does/) as string,
      'customTools.3.inputSchema': expect.stringMatching(/^Line 1, column \d+: /) as string,
    });
  });

  it('does not allow two tools with one name', () => {
    expect(errorsOf([tool({}), tool({})])).toEqual({
      'customTools.1.name': 'Another custom tool is already named "get_weather".',
    });
  });

  it('accepts the whole documented name alphabet up to 128 characters', () => {
    expect(errorsOf([tool({ name: `Ab_9-${'z'.repeat(123)}` })])).toEqual({});
  });
});
