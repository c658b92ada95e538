import { PollContext } from 'n8n-core';
import type {
	ICredentialDataDecryptedObject,
	IDataObject,
	INodeParameters,
	IWorkflowBase,
} from 'n8n-workflow';
import { Workflow } from 'n8n-workflow';

import { SigfoxPollTrigger } from '../../nodes/SigfoxPollTrigger/SigfoxPollTrigger.node';
import type { SigfoxCredentialData } from './harness';
import { additionalData, testNode, TestNodeTypes } from './harness';

/**
 * One Sigfox Poll Trigger as n8n drives it: each poll runs in a real n8n PollContext, and its static
 * data goes through JSON between polls as through n8n's database. What a poll wrote is kept even when
 * it failed, so a test sees any change a failed poll made.
 */
export class PollInstance {
	/** The static data as persisted after the last successful poll. */
	saved: IDataObject;

	constructor(
		private readonly credentials: SigfoxCredentialData,
		private readonly parameters: INodeParameters,
		saved: IDataObject = {},
	) {
		this.saved = saved;
	}

	async poll(mode: 'trigger' | 'manual' = 'trigger'): Promise<IDataObject[]> {
		const node = testNode({
			id: 'poll',
			name: 'Sigfox Poll Trigger',
			type: 'sigfoxPollTrigger',
			parameters: this.parameters,
		});
		const workflow = new Workflow({
			id: 'poll-workflow',
			nodes: [node],
			connections: {},
			active: true,
			nodeTypes: new TestNodeTypes({ sigfoxPollTrigger: new SigfoxPollTrigger() }),
			settings: { executionOrder: 'v1' },
		});
		const working = JSON.parse(JSON.stringify(this.saved)) as IDataObject;
		const data = additionalData(
			{ ...this.credentials } as unknown as ICredentialDataDecryptedObject,
			{ id: workflow.id, nodes: [node], connections: {} } as unknown as IWorkflowBase,
		);
		const context = new PollContext(
			workflow,
			node,
			data,
			mode,
			mode === 'manual' ? 'manual' : 'activate',
			undefined,
			undefined,
			undefined,
			undefined,
			() => working,
		);
		try {
			const result = await new SigfoxPollTrigger().poll.call(context);
			return result?.[0].map((item) => item.json) ?? [];
		} finally {
			this.saved = working;
		}
	}
}
