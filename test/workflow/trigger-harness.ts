import { HookContext, WebhookContext } from 'n8n-core';
import type {
	ICredentialDataDecryptedObject,
	IDataObject,
	INode,
	INodeParameters,
	IWebhookData,
	IWebhookResponseData,
	IWorkflowBase,
	WorkflowActivateMode,
} from 'n8n-workflow';
import { NodeHelpers, Workflow } from 'n8n-workflow';

import { SigfoxTrigger } from '../../nodes/SigfoxTrigger/SigfoxTrigger.node';
import type { RelayAnswer, RelayedRequest } from '../support/webhook-relay';
import type { SigfoxCredentialData } from './harness';
import { additionalData, testNode, TestNodeTypes } from './harness';
import type { WebhookName } from '../../nodes/SigfoxTrigger/registration';

const WEBHOOKS: WebhookName[] = ['default', 'bidir'];

export interface TriggerOptions {
	credentials: SigfoxCredentialData;
	parameters: INodeParameters;
	/** Base of the webhook URLs n8n hands out, e.g. a relay in front of the trigger. */
	webhookBase: string;
	/** The node's static data, shared between instances to model what n8n persists. */
	staticData?: IDataObject;
	/** "Listen for test event": the test URL and the test registration. */
	test?: boolean;
	webhookId?: string;
}

/** What a webhook call produced: the HTTP answer and, if the trigger started one, the items. */
export interface Reception {
	status: number;
	body: unknown;
	headers: Record<string, string>;
	items?: IDataObject[];
	/** n8n answers from the workflow (the trigger did not answer itself). */
	answeredByWorkflow: boolean;
	/** The trigger wrote the answer itself, before n8n stored (and, in queue mode, queued) the execution. */
	answeredByNode: boolean;
}

class FakeResponse {
	statusCode = 200;
	body: unknown;
	headers: Record<string, string> = {};
	ended = false;

	status(code: number) {
		this.statusCode = code;
		return this;
	}

	json(body: unknown) {
		this.headers['content-type'] = 'application/json';
		this.body = body;
		this.ended = true;
		return this;
	}

	end() {
		this.ended = true;
		return this;
	}

	setHeader(name: string, value: string) {
		this.headers[name.toLowerCase()] = value;
	}
}

/**
 * One Sigfox Trigger node as n8n drives it: activation runs checkExists then create for each
 * webhook (and delete for all of them if one fails), deactivation runs delete, and each webhook
 * call runs webhook() in a real n8n WebhookContext.
 */
export class TriggerInstance {
	readonly staticData: IDataObject;
	private readonly workflow: Workflow;
	private readonly node: INode;
	private readonly credentials: ICredentialDataDecryptedObject;

	constructor(private readonly options: TriggerOptions) {
		this.staticData = options.staticData ?? {};
		this.node = testNode({
			id: 'trigger',
			name: 'Sigfox Trigger',
			type: 'sigfoxTrigger',
			parameters: options.parameters,
			webhookId: options.webhookId ?? '6f1d7a52-51d4-4f4c-9d35-3f2b7f0c8a11',
		});
		this.workflow = new Workflow({
			id: 'trigger-workflow',
			name: 'Sigfox trigger test',
			nodes: [this.node],
			connections: {},
			active: true,
			nodeTypes: new TestNodeTypes({ sigfoxTrigger: new SigfoxTrigger() }),
			staticData: { [`node:${this.node.name}`]: this.staticData },
			settings: { executionOrder: 'v1' },
		});
		this.credentials = { ...options.credentials } as unknown as ICredentialDataDecryptedObject;
	}

	private data(): ReturnType<typeof additionalData> {
		const data = additionalData(this.credentials, {
			id: this.workflow.id,
			nodes: [this.node],
			connections: {},
		} as unknown as IWorkflowBase);
		data.webhookBaseUrl = `${this.options.webhookBase}/webhook`;
		data.webhookTestBaseUrl = `${this.options.webhookBase}/webhook-test`;
		return data;
	}

	private webhookData(name: WebhookName): IWebhookData {
		const description = new SigfoxTrigger().description.webhooks!.find((w) => w.name === name)!;
		return {
			httpMethod: 'POST',
			node: this.node.name,
			path: name === 'default' ? 'webhook' : 'bidir',
			webhookDescription: description,
			workflowId: this.workflow.id!,
			workflowExecuteAdditionalData: this.data(),
			isTest: this.options.test === true,
		} as IWebhookData;
	}

	private hook(name: WebhookName, activation: WorkflowActivateMode) {
		const mode = this.options.test ? 'manual' : 'trigger';
		const context = new HookContext(
			this.workflow,
			this.node,
			this.data(),
			mode,
			this.options.test ? 'manual' : activation,
			this.webhookData(name),
		);
		const methods = new SigfoxTrigger().webhookMethods[name];
		return {
			checkExists: () => methods.checkExists.call(context),
			create: () => methods.create.call(context),
			delete: () => methods.delete.call(context),
		};
	}

	url(name: WebhookName): string {
		const base = this.options.test
			? `${this.options.webhookBase}/webhook-test`
			: `${this.options.webhookBase}/webhook`;
		return NodeHelpers.getNodeWebhookUrl(
			base,
			this.workflow.id!,
			this.node,
			name === 'default' ? 'webhook' : 'bidir',
			false,
		);
	}

	/** Activation as n8n does it: checkExists, create when false; on failure delete every webhook. */
	async activate(activation: WorkflowActivateMode = 'activate'): Promise<void> {
		let failure: unknown;
		try {
			for (const name of WEBHOOKS) {
				const hook = this.hook(name, activation);
				if (!(await hook.checkExists())) await hook.create();
			}
		} catch (error) {
			failure = error;
		}
		if (failure === undefined) return;
		for (const name of WEBHOOKS) await this.hook(name, activation).delete();
		throw failure;
	}

	async deactivate(): Promise<void> {
		for (const name of WEBHOOKS) await this.hook(name, 'update').delete();
	}

	async checkExists(name: WebhookName): Promise<boolean> {
		return this.hook(name, 'activate').checkExists();
	}

	/** Runs webhook() for one HTTP call, in a real n8n WebhookContext. */
	async receive(
		name: WebhookName,
		request: {
			body: unknown;
			headers?: Record<string, string | string[] | undefined>;
			ip?: string;
		},
	): Promise<Reception> {
		const response = new FakeResponse();
		const data = this.data();
		data.httpRequest = {
			body: request.body,
			headers: request.headers ?? {},
			ip: request.ip ?? '185.110.97.10',
			query: {},
			params: {},
		} as never;
		data.httpResponse = response as never;
		const context = new WebhookContext(
			this.workflow,
			this.node,
			data,
			this.options.test ? 'manual' : 'webhook',
			this.webhookData(name),
			[],
			null,
		);
		const trigger = new SigfoxTrigger();
		const result: IWebhookResponseData = await trigger.webhook.call(context);
		const items = result.workflowData?.[0]?.map((item) => item.json);
		const hook = trigger.description.webhooks?.find((webhook) => webhook.name === name);
		if (result.noWebhookResponse !== true && hook?.responseMode === 'onReceived') {
			// n8n answers an "onReceived" webhook itself, with its response code, once the execution has started.
			response.status(Number(hook.responseCode ?? 200)).end();
			return {
				status: response.statusCode,
				body: response.body,
				headers: response.headers,
				items,
				answeredByWorkflow: false,
				answeredByNode: false,
			};
		}
		return {
			status: response.statusCode,
			body: response.body,
			headers: response.headers,
			items,
			answeredByWorkflow: result.noWebhookResponse !== true,
			answeredByNode: response.ended,
		};
	}

	/**
	 * Routes a request the webhook relay received to the webhook its path names. `started` gets the
	 * items of every execution the trigger starts; `workflowAnswer` stands in for the last node when
	 * n8n answers from the workflow.
	 */
	async relay(
		request: RelayedRequest,
		started: (items: IDataObject[]) => void,
		workflowAnswer: (items: IDataObject[]) => RelayAnswer,
	): Promise<RelayAnswer> {
		const name: WebhookName = request.path.endsWith('/bidir') ? 'bidir' : 'default';
		const reception = await this.receive(name, {
			body: request.body,
			headers: request.headers,
			ip: request.ip,
		});
		if (reception.items) started(reception.items);
		if (reception.answeredByWorkflow && reception.items) return workflowAnswer(reception.items);
		return { status: reception.status, headers: reception.headers, body: reception.body };
	}
}
