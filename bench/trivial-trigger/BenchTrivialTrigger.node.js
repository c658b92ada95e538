'use strict';
/**
 * The trivial custom webhook trigger of `npm run bench`: it starts the workflow with the request body as its item. It
 * answers as the Sigfox Trigger does: without a fixed body n8n answers 204 once it has stored the execution (as for the
 * Sigfox Trigger's uplinks); with one, the node answers it at once, before n8n creates the execution (as the Sigfox
 * Trigger's fixed downlink). Nothing a community trigger does can cost less in n8n.
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
					responseCode: 204,
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

	/** The body as the item; the fixed body answered at once, or n8n's 204 after it has stored the execution. */
	async webhook() {
		const fixedAnswer = this.getNodeParameter('fixedAnswer', '');
		if (!fixedAnswer) return { workflowData: [[{ json: this.getBodyData() }]] };
		this.getResponseObject().status(200).type('json').send(fixedAnswer);
		return { noWebhookResponse: true, workflowData: [[{ json: this.getBodyData() }]] };
	}
}

module.exports = { BenchTrivialTrigger };
