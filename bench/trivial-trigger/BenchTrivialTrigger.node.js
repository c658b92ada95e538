'use strict';
/**
 * The trivial custom webhook trigger of `npm run bench`: it starts the workflow with the request body as its item and
 * answers on receipt (204), or with a fixed body when one is set. Nothing a community trigger does can cost less in n8n.
 */
class BenchTrivialTrigger {
	constructor() {
		this.description = {
			displayName: 'Bench Trivial Trigger',
			name: 'benchTrivialTrigger',
			group: ['trigger'],
			version: 1,
			description: 'Starts the workflow with the request body (benchmark baseline)',
			defaults: { name: 'Bench Trivial Trigger' },
			inputs: [],
			outputs: ['main'],
			// Optional and never read: set on a workflow, it shows what n8n's per-execution credential check costs.
			credentials: [{ name: 'sigfoxApi', required: false }],
			webhooks: [
				{
					name: 'default',
					httpMethod: 'POST',
					responseMode: 'onReceived',
					responseData: 'noData',
					path: 'trivial',
				},
			],
			properties: [
				{
					displayName: 'Fixed Answer',
					name: 'fixedAnswer',
					type: 'string',
					default: '',
					description: 'JSON to answer with (status 200); empty answers with no body',
				},
			],
		};
	}

	/** Answers before n8n creates the execution, as the Sigfox Trigger does: the cheapest a trigger can be. */
	async webhook() {
		const fixedAnswer = this.getNodeParameter('fixedAnswer', '');
		const response = this.getResponseObject();
		if (fixedAnswer) response.status(200).type('json').send(fixedAnswer);
		else response.status(204).end();
		return { noWebhookResponse: true, workflowData: [[{ json: this.getBodyData() }]] };
	}
}

module.exports = { BenchTrivialTrigger };
