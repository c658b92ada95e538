import type { INodeProperties } from 'n8n-workflow';

import type { CatalogueField, CatalogueOperation, CatalogueResource } from '../catalogue/types';

const sentence = (text: string) => (/[.!?]$/.test(text) ? text : `${text}.`);

/** Whether one of the operation's collections offers this option (e.g. the Before of a time window). */
const hasOption = (operation: CatalogueOperation, name: string) =>
	operation.fields.some(
		(field) =>
			field.property.type === 'collection' &&
			(field.property.options as INodeProperties[] | undefined)?.some((o) => o.name === name),
	);

/** What the operation gives back, and for a list how to reach the items beyond its bound. */
function returns(operation: CatalogueOperation): string {
	switch (operation.kind) {
		case 'list':
			if (!operation.endpoint.paged) return 'Returns one item per element of the whole list.';
			return [
				'Returns one item per element, at most Limit of them (50 unless the workflow sets otherwise).',
				hasOption(operation, 'before')
					? 'To read older ones, ask again with Before set to the time of the oldest one received.'
					: 'To reach others, ask again with narrower filters.',
			].join(' ');
		case 'single':
			return operation.endpoint.method === 'GET'
				? "Returns Sigfox's answer as one item."
				: "Returns Sigfox's answer as one item (the new ID after a creation, success: true when Sigfox answers with nothing).";
		case 'job':
			return "Waits for Sigfox's job to finish (30 minutes at most unless set otherwise) and returns its result, or its job ID to read later.";
		case 'jobStatus':
			return 'Returns the status as one item (or one item per result once done).';
		case 'bulk':
			return 'As a tool, one call is one device.';
		case 'binary':
			return 'Returns a KMZ file as n8n binary data, which a model cannot read: use it in a workflow rather than as a tool.';
		case 'local':
			return operation.behaviour === 'decodePayload'
				? 'Calls no API: returns the decoded fields under decoded.'
				: '';
	}
}

/** What the model must know before setting a confirmation. */
const confirmationSentence = (field: CatalogueField) =>
	`Not sent unless ${field.property.displayName} (${field.property.name}) is true: set it only when the user explicitly agreed that ${field.confirms}.`;

/**
 * What an AI agent or an MCP client reads about one operation of Sigfox Tool unless the workflow says otherwise:
 * what it does, what it returns and how to get more of a list, and what needs the user's yes.
 */
export function toolDescription(
	resource: CatalogueResource,
	operation: CatalogueOperation,
): string {
	return [
		`Sigfox ${resource.name} → ${operation.name}: ${sentence(operation.description)}`,
		returns(operation),
		...operation.fields.filter((field) => field.confirms).map(confirmationSentence),
		operation.notAsTool ? `Not usable as a tool. ${operation.notAsTool}` : '',
	]
		.filter(Boolean)
		.join(' ');
}
