import type { INodeProperties } from 'n8n-workflow';

/** How the "By ID" mode of a locator checks what is typed. */
export interface IdFormat {
	placeholder: string;
	regex: string;
	errorMessage: string;
}

/** A Sigfox object ID: 24 hexadecimal characters (device types, callbacks, groups, contracts, profiles). */
export function objectId(what: string): IdFormat {
	return {
		placeholder: 'e.g. 57309548171c857460043085',
		regex: '^[0-9a-fA-F]{24}$',
		errorMessage: `A ${what} ID is 24 hexadecimal characters`,
	};
}

/** A required text parameter holding one Sigfox object ID (where a searchable list would not help). */
export const objectIdProperty = (
	displayName: string,
	name: string,
	extra: Partial<INodeProperties> = {},
): INodeProperties => ({
	displayName,
	name,
	type: 'string',
	default: '',
	required: true,
	placeholder: objectId('').placeholder,
	...extra,
});

/**
 * A required resource locator of a Sigfox object: a searchable list (`searchListMethod` of the node's
 * listSearch methods) or an ID checked against its format. `overrides` adds or replaces fields.
 */
export function sigfoxLocator(
	displayName: string,
	name: string,
	searchListMethod: string,
	id: IdFormat,
	overrides: Partial<INodeProperties> = {},
): INodeProperties {
	return {
		displayName,
		name,
		type: 'resourceLocator',
		default: { mode: 'list', value: '' },
		required: true,
		modes: [
			{
				displayName: 'From List',
				name: 'list',
				type: 'list',
				typeOptions: { searchListMethod, searchable: true },
			},
			{
				displayName: 'By ID',
				name: 'id',
				type: 'string',
				placeholder: id.placeholder,
				validation: [
					{
						type: 'regex',
						properties: { regex: id.regex, errorMessage: id.errorMessage },
					},
				],
			},
		],
		...overrides,
	};
}
