import Joi from 'joi';
import { MAX_LIGNES } from './lignes.js';

/** The building blocks of the services' request schemas, so every route checks alike. */

/** A positive id that fits a PostgreSQL integer. */
export const entityId = (): Joi.NumberSchema => Joi.number().integer().positive().max(2147483647);

/** The orchestrator's commande id: the idempotency key of every saga call. */
export const commandeId = (): Joi.StringSchema =>
  Joi.string().guid({ version: ['uuidv1', 'uuidv4', 'uuidv5', 'uuidv7'] });

/**
 * Text a person typed (a name, a town): trimmed, not empty, bounded, and without control
 * characters (PostgreSQL cannot store a NUL at all).
 */
export const text = (max: number): Joi.StringSchema =>
  Joi.string()
    .trim()
    .min(1)
    .max(max)
    .pattern(/^\P{Cc}*$/u, 'text without control characters');

export interface Page {
  limit: number;
  offset: number;
}

/** `limit` (1-500) and `offset` of a list; spread into a query schema. */
export const pageKeys = (defaultLimit = 100): Required<Joi.PartialSchemaMap<Page>> => ({
  limit: Joi.number().integer().min(1).max(500).default(defaultLimit),
  offset: Joi.number().integer().min(0).default(0),
});

const pageQueries = new Map<number, Joi.ObjectSchema<Page>>();

/**
 * A list's query schema, made once per default limit: routes call this on every request,
 * and building a joi schema costs more than validating with it (joi schemas are immutable,
 * so one can be shared).
 */
export const pageQuery = (defaultLimit = 100): Joi.ObjectSchema<Page> => {
  const made = pageQueries.get(defaultLimit) ?? Joi.object<Page>(pageKeys(defaultLimit));
  pageQueries.set(defaultLimit, made);
  return made;
};

/** Units of one produit in a saga call: at most 1 000 000 per line. */
export const quantite = (): Joi.NumberSchema => Joi.number().integer().positive().max(1_000_000);

/**
 * The lines of a saga call: at most MAX_LIGNES `{produit_id, quantite}` (plus `more` keys).
 * `strip: true` takes other keys off instead of refusing them (the orchestrator sends the
 * lines it read, prices included).
 */
export const lignes = (
  opts: { more?: Joi.PartialSchemaMap; strip?: boolean } = {},
): Joi.ArraySchema => {
  const ligne = Joi.object({
    produit_id: entityId().required(),
    quantite: quantite().required(),
    ...opts.more,
  });
  return Joi.array()
    .items(opts.strip === true ? ligne.prefs({ stripUnknown: true }) : ligne)
    .max(MAX_LIGNES);
};

const ID_PARAMS = Joi.object<{ id: number }>({ id: entityId().required() });

/** `{ id }` path parameters (one shared schema: routes ask for it on every request). */
export const idParams = (): Joi.ObjectSchema<{ id: number }> => ID_PARAMS;
