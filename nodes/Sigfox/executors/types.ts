import type { IBinaryKeyData, IDataObject, IExecuteFunctions } from 'n8n-workflow';

import type { CatalogueOperation } from '../catalogue/types';

export type OperationKind = CatalogueOperation['kind'];

/** The catalogue row of one kind, with the data that kind has. */
export type OperationOf<K extends OperationKind> = Extract<CatalogueOperation, { kind: K }>;

/** The items one input item gives, unpaired (the router pairs them with their input). */
export type ItemOutput = Array<{ json: IDataObject; binary?: IBinaryKeyData }>;

/** Runs an operation for one input item; a list yields page after page. */
export type ItemExecutor<K extends OperationKind> = (
	ctx: IExecuteFunctions,
	operation: OperationOf<K>,
	itemIndex: number,
) => AsyncGenerator<ItemOutput>;

/** Items as they come out: the JSON of each. */
export const asItems = (elements: IDataObject[]): ItemOutput => elements.map((json) => ({ json }));
