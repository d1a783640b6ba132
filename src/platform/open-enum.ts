import { registerEnumType } from 'type-graphql';

/**
 * A GraphQL enum whose values the capabilities bring (event kinds, event and comment subjects, abilities), so a new
 * capability adds its values in its own folder. Each adds a TypeScript string enum of its own, which its code uses;
 * type-graphql reads the values when the schema is built, by which time every module has been imported.
 */
export class OpenEnum {
  readonly values: Record<string, string> = {};
  private readonly valuesConfig: Record<string, { description?: string }> = {};

  constructor(readonly name: string, description?: string) {
    registerEnumType(this.values, { name, description, valuesConfig: this.valuesConfig });
  }

  add<E extends Record<string, string>>(values: E, descriptions: Partial<Record<keyof E, string>> = {}): E {
    for (const [key, value] of Object.entries(values)) {
      if (this.values[key] !== undefined && this.values[key] !== value) throw new Error(`${this.name}.${key} is added twice with different values`);
      this.values[key] = value;
      const description = descriptions[key as keyof E];
      if (description) this.valuesConfig[key] = { description };
    }
    return values;
  }
}
