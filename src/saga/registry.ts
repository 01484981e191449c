import type { SagaDefinition } from './definition.js';

/**
 * The definitions of one saga an instance can drive: the current one, which new sagas start
 * under, and the earlier ones kept until no saga of them remains. A saga is driven to its
 * end by the definition it started under; one whose version is not here waits for an
 * instance that has it.
 */
export class DefinitionRegistry<E extends string, C extends string, D> {
  private readonly byVersion: ReadonlyMap<string, SagaDefinition<E, C, D>>;

  constructor(
    readonly current: SagaDefinition<E, C, D>,
    earlier: readonly SagaDefinition<E, C, D>[] = [],
  ) {
    const all = [current, ...earlier];
    if (all.some((d) => d.name !== current.name)) {
      throw new Error(`Saga definitions of ${current.name} and another saga mixed`);
    }
    this.byVersion = new Map(all.map((d) => [d.version, d]));
  }

  /** The versions this instance drives, current first. */
  get versions(): string[] {
    return [...this.byVersion.keys()];
  }

  knows(version: string): boolean {
    return this.byVersion.has(version);
  }

  /** The definition of that version; throws for one this instance does not have. */
  get(version: string): SagaDefinition<E, C, D> {
    const def = this.byVersion.get(version);
    if (!def) throw new UnknownVersion(this.current.name, version);
    return def;
  }
}

/** A saga started under a definition this instance does not drive. */
export class UnknownVersion extends Error {
  constructor(
    readonly saga: string,
    readonly version: string,
  ) {
    super(`This instance does not drive version ${version} of the ${saga} saga`);
    this.name = 'UnknownVersion';
  }
}
