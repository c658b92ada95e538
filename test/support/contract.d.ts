/** The repository's Sigfox API v2 contract, in the official spec's shape (contract/sigfox-api-v2.json). */
export const CONTRACT_PATH: string;
export function loadContract(): {
	paths: Record<string, Record<string, unknown>>;
	definitions: Record<string, unknown>;
};

type Contract = ReturnType<typeof loadContract>;

/** A schema with $ref and allOf resolved; `subtypes` lists a discriminator's concrete schemas. */
export interface FlatSchema {
	type?: string;
	properties: Record<string, { readOnly?: boolean; [key: string]: unknown }>;
	required: Set<string>;
	items?: object;
	name?: string;
	subtypes?: FlatSchema[];
}
export function flatten(spec: Contract, schema: object, name?: string): FlatSchema;
export function operationOf(
	spec: Contract,
	method: string,
	path: string,
): { parameters: Array<{ name: string; in: string; [key: string]: unknown }>; [key: string]: unknown };
export function bodySchemaOf(spec: Contract, operation: object): FlatSchema | undefined;
