import { ExecuteContext, ExecutionLifecycleHooks, RoutingNode, WorkflowExecute } from 'n8n-core';
import type {
	ICredentialDataDecryptedObject,
	ICredentialType,
	IDataObject,
	IExecuteData,
	IHttpRequestOptions,
	INode,
	INodeCredentialsDetails,
	INodeExecutionData,
	INodeParameters,
	INodeProperties,
	INodeType,
	INodeTypes,
	INodeTypeDescription,
	IExecuteFunctions,
	IRun,
	IVersionedNodeType,
	IWorkflowBase,
	IWorkflowExecuteAdditionalData,
} from 'n8n-workflow';
import { ICredentialsHelper, NodeConnectionTypes, Workflow } from 'n8n-workflow';

import { SigfoxApi } from '../../credentials/SigfoxApi.credentials';
import { recordSentRequest } from '../support/recorder';
import { checkRequest } from '../support/spec-check';
import { Sigfox } from '../../nodes/Sigfox/Sigfox.node';

/** The credential data of a test: what a user types into the Sigfox API credential. */
export interface SigfoxCredentialData {
	login: string;
	password: string;
	baseUrl: string;
	rateLimiting?: 'documented' | 'serverSignals';
}

/** A start node that emits the items given to the run, like a Manual Trigger with pinned data. */
class StartNode implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Start',
		name: 'testStart',
		group: ['input'],
		version: 1,
		description: 'Emits the test input',
		defaults: { name: 'Start' },
		usableAsTool: true,
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		properties: [{ displayName: 'Items', name: 'items', type: 'json', default: '[]' }],
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		const items = JSON.parse(this.getNodeParameter('items', 0) as string) as IDataObject[];
		return [items.map((json) => ({ json }))];
	}
}

const credentialTypes: Record<string, ICredentialType> = { sigfoxApi: new SigfoxApi() };

export class TestNodeTypes implements INodeTypes {
	constructor(private readonly types: Record<string, INodeType>) {}

	getByName(name: string): INodeType | IVersionedNodeType {
		return this.getByNameAndVersion(name);
	}

	getByNameAndVersion(name: string): INodeType {
		const type = this.types[name];
		if (!type) throw new ReferenceError(`Unknown node type ${name}`);
		return type;
	}

	getKnownTypes(): IDataObject {
		return {};
	}
}

/** A request the Sigfox node sent, with the spec's verdict on it (test/support/spec-check.js). */
export interface SentRequest {
	method: string;
	path: string;
	query: Record<string, string>;
	body: unknown;
	operation?: string;
	errors: string[];
}

/** The request as it goes on the wire: path below the base URL, query parameters as text. */
function sentRequest(options: IHttpRequestOptions, baseUrl: string): SentRequest {
	const url = new URL(String(options.url));
	const basePath = new URL(baseUrl).pathname.replace(/\/+$/, '');
	const query: Record<string, string> = Object.fromEntries(url.searchParams);
	for (const [name, value] of Object.entries(options.qs ?? {})) {
		if (value !== undefined) query[name] = String(value);
	}
	const method = String(options.method ?? 'GET');
	const path = url.pathname.slice(basePath.length) || '/';
	const body: unknown =
		typeof options.body === 'string' && options.body !== ''
			? JSON.parse(options.body)
			: options.body;
	const { operation, errors } = checkRequest({ method, path, query, body });
	return { method, path, query, body, operation, errors };
}

class TestCredentialsHelper extends ICredentialsHelper {
	/** `sent` collects the Sigfox node's requests, each checked against the spec and recorded. */
	constructor(
		private readonly data: ICredentialDataDecryptedObject,
		private readonly sent?: SentRequest[],
	) {
		super();
	}

	getParentTypes(): string[] {
		return [];
	}

	isCredentialUsableByNode(): boolean {
		return true;
	}

	async authenticate(
		credentials: ICredentialDataDecryptedObject,
		typeName: string,
		requestOptions: IHttpRequestOptions,
	): Promise<IHttpRequestOptions> {
		if (this.sent) {
			const request = sentRequest(requestOptions, String(this.data.baseUrl));
			this.sent.push(request);
			recordSentRequest({
				operation: request.operation,
				method: request.method,
				path: request.path,
				errors: request.errors,
			});
		}
		// As n8n's credentials helper does for a credential whose `authenticate` is a function.
		const authenticate = credentialTypes[typeName]?.authenticate;
		if (typeof authenticate !== 'function') {
			throw new TypeError(`the harness knows function authenticate only, not ${typeName}'s`);
		}
		return await authenticate(credentials, requestOptions);
	}

	async preAuthentication(): Promise<undefined> {
		return undefined;
	}

	async runPreAuthentication(): Promise<undefined> {
		return undefined;
	}

	async getCredentials(): Promise<never> {
		throw new ReferenceError('not used by the harness');
	}

	async getDecrypted(): Promise<ICredentialDataDecryptedObject> {
		return { ...this.data };
	}

	async updateCredentials(): Promise<void> {}

	async updateCredentialsOauthTokenData(): Promise<void> {}

	getCredentialsProperties(type: string): INodeProperties[] {
		return credentialTypes[type]?.properties ?? [];
	}
}

export function additionalData(
	credentials: ICredentialDataDecryptedObject,
	workflowData: IWorkflowBase,
	sent?: SentRequest[],
): IWorkflowExecuteAdditionalData {
	return {
		credentialsHelper: new TestCredentialsHelper(credentials, sent),
		hooks: new ExecutionLifecycleHooks('manual', 'test-execution', workflowData),
		executeWorkflow: async () => {
			throw new ReferenceError('sub-workflows are not used in these tests');
		},
		getRunExecutionData: async () => undefined,
		getRuntimeCredential: async () => undefined,
		currentNodeExecutionIndex: 0,
		restApiUrl: 'http://127.0.0.1/rest',
		instanceBaseUrl: 'http://127.0.0.1/',
		formBaseUrl: 'http://127.0.0.1/form',
		formWaitingBaseUrl: 'http://127.0.0.1/form-waiting',
		formTestBaseUrl: 'http://127.0.0.1/form-test',
		webhookBaseUrl: 'http://127.0.0.1/webhook',
		webhookWaitingBaseUrl: 'http://127.0.0.1/webhook-waiting',
		webhookTestBaseUrl: 'http://127.0.0.1/webhook-test',
		mcpBaseUrl: 'http://127.0.0.1/mcp',
		mcpTestBaseUrl: 'http://127.0.0.1/mcp-test',
		variables: {},
		setExecutionStatus: () => {},
		sendDataToUI: () => {},
		logAiEvent: () => {},
		startRunnerTask: async () => {
			throw new ReferenceError('task runners are not used in these tests');
		},
	} as unknown as IWorkflowExecuteAdditionalData;
}

/** The test's Sigfox credential, as a node refers to it. */
const CREDENTIALS_REF: INodeCredentialsDetails = { id: 'cred-1', name: 'Sigfox test' };

/** A node of a test workflow, at the origin unless placed, with the test's Sigfox credential. */
export function testNode(
	node: Pick<INode, 'id' | 'name' | 'type' | 'parameters'> & Partial<INode>,
): INode {
	return {
		typeVersion: 1,
		position: [0, 0],
		credentials: { sigfoxApi: CREDENTIALS_REF },
		...node,
	};
}

export interface NodeRun {
	/** The Sigfox node's output items. */
	items: INodeExecutionData[];
	/** The error that stopped the node, as n8n records it. */
	error?: {
		message: string;
		description?: string | null;
		httpCode?: string | null;
		context?: IDataObject;
	};
	run: IRun;
	/** The requests the Sigfox node sent, in order, each with the spec check's verdict. */
	requests: SentRequest[];
	/** What the node sent as the webhook's answer (n8n's `sendResponse` hook), in order. */
	responses: unknown[];
}

export interface RunOptions {
	credentials: SigfoxCredentialData;
	/** The node type under test: the Sigfox node unless a test node is given. */
	nodeType?: INodeType;
	/** Items given to the Sigfox node; one empty item by default. */
	input?: IDataObject[];
	continueOnFail?: boolean;
}

/** Runs Start → Sigfox as a real n8n workflow, in-process, and returns what the Sigfox node produced. */
export async function runSigfoxNode(
	parameters: INodeParameters,
	options: RunOptions,
): Promise<NodeRun> {
	const nodes: INode[] = [
		{
			id: 'start',
			name: 'Start',
			type: 'testStart',
			typeVersion: 1,
			position: [0, 0],
			parameters: { items: JSON.stringify(options.input ?? [{}]) },
		},
		testNode({
			id: 'sigfox',
			name: 'Sigfox',
			type: 'sigfox',
			position: [200, 0],
			parameters,
			...(options.continueOnFail ? { onError: 'continueRegularOutput' as const } : {}),
		}),
	];
	const connections = {
		Start: { main: [[{ node: 'Sigfox', type: NodeConnectionTypes.Main, index: 0 }]] },
	};
	const nodeTypes = new TestNodeTypes({
		testStart: new StartNode(),
		sigfox: options.nodeType ?? new Sigfox(),
	});
	const workflow = new Workflow({
		id: 'test-workflow',
		name: 'Sigfox test',
		nodes,
		connections,
		active: false,
		nodeTypes,
		settings: { executionOrder: 'v1' },
	});
	const workflowData: IWorkflowBase = {
		id: 'test-workflow',
		name: 'Sigfox test',
		active: false,
		isArchived: false,
		nodes,
		connections,
		createdAt: new Date(),
		updatedAt: new Date(),
		activeVersionId: null,
	} as unknown as IWorkflowBase;
	const credentials = { ...options.credentials } as unknown as ICredentialDataDecryptedObject;
	// Only the Sigfox node's own requests are held to the spec; test nodes may send anything.
	const requests: SentRequest[] = [];
	const data = additionalData(credentials, workflowData, options.nodeType ? undefined : requests);
	const responses: unknown[] = [];
	data.hooks?.addHandler('sendResponse', (response) => {
		responses.push(response);
	});
	const execution = new WorkflowExecute(data, 'manual');
	const run = await execution.run({ workflow, startNode: workflow.getNode('Start')! });
	const rejected = requests.filter((request) => request.errors.length > 0);
	if (rejected.length > 0) {
		throw new Error(
			`The Sigfox node sent ${rejected.length} request(s) the Sigfox API v2 spec rejects:\n${rejected
				.map((r) => `${r.method} ${r.path}: ${r.errors.join('; ')}`)
				.join('\n')}`,
		);
	}
	const task = run.data.resultData.runData.Sigfox?.[0];
	const error = (task?.error ?? run.data.resultData.error) as NodeRun['error'];
	return { items: task?.data?.main?.[0] ?? [], error, run, requests, responses };
}

/** A resource locator by ID, as the editor stores it. */
export const byId = (value: string) => ({ __rl: true, mode: 'id', value });

/**
 * The tours' steps through the Sigfox node with `credentials()`: `run` an operation (its items'
 * JSON, or its error thrown), `listAll` of a resource (Get Many with Return All).
 */
export function sigfoxSteps(credentials: () => SigfoxCredentialData) {
	const run = async (parameters: INodeParameters, input?: IDataObject[]) =>
		runSigfoxNodeJson(parameters, { credentials: credentials(), input });
	const listAll = async (resource: string, parameters: INodeParameters = {}) =>
		run({ resource, operation: 'getAll', returnAll: true, ...parameters });
	return { run, listAll };
}

/** Runs the Sigfox node; the JSON of its items, or throws its error with the description. */
export async function runSigfoxNodeJson(
	parameters: INodeParameters,
	options: RunOptions,
): Promise<IDataObject[]> {
	const result = await runSigfoxNode(parameters, options);
	if (result.error) throw new Error(`${result.error.message}: ${result.error.description ?? ''}`);
	return result.items.map((item) => item.json);
}

export interface CredentialTestResult {
	status: 'OK' | 'Error';
	message: string;
}

/**
 * Tests a Sigfox credential the way n8n's credentials tester does: the credential's declarative
 * `test` request runs through n8n's RoutingNode, and its rules turn HTTP statuses into messages.
 */
export async function testSigfoxCredential(
	data: SigfoxCredentialData,
): Promise<CredentialTestResult> {
	const credentialType = credentialTypes.sigfoxApi;
	const testRequest = credentialType.test!;
	const node = testNode({ id: 'temp', name: 'Temp-Node', type: 'credentialTest', parameters: {} });
	const nodeType: INodeType = {
		description: {
			displayName: 'Credential Test',
			name: 'credentialTest',
			group: ['transform'],
			version: 1,
			description: '',
			defaults: {},
			inputs: [NodeConnectionTypes.Main],
			outputs: [NodeConnectionTypes.Main],
			credentials: [{ name: 'sigfoxApi', required: true }],
			properties: [
				{
					displayName: 'Temp',
					name: 'temp',
					type: 'string',
					routing: { request: testRequest.request },
					default: '',
				},
			],
		},
	};
	const workflow = new Workflow({
		nodes: [node],
		connections: {},
		active: false,
		nodeTypes: new TestNodeTypes({ credentialTest: nodeType }),
	});
	const credentials = { ...data } as unknown as ICredentialDataDecryptedObject;
	const workflowData = {
		id: 'credential-test',
		nodes: [node],
		connections: {},
	} as unknown as IWorkflowBase;
	const executeData: IExecuteData = { node, data: {}, source: null };
	const context = new ExecuteContext(
		workflow,
		node,
		additionalData(credentials, workflowData),
		'internal',
		{ resultData: { runData: {} } } as never,
		0,
		[],
		{ main: [[{ json: {} }]] },
		executeData,
		[],
	);
	const routingNode = new RoutingNode(context, nodeType, {
		id: 'cred-1',
		name: 'Sigfox test',
		type: 'sigfoxApi',
		data: credentials,
	});
	try {
		await routingNode.runNode();
	} catch (error) {
		const status = (error as { cause?: { response?: { status?: number } } }).cause?.response
			?.status;
		for (const rule of testRequest.rules ?? []) {
			if (rule.type === 'responseCode' && rule.properties.value === status) {
				return { status: 'Error', message: rule.properties.message };
			}
		}
		return {
			status: 'Error',
			message: status ? `Received HTTP status code: ${status}` : (error as Error).message,
		};
	}
	return { status: 'OK', message: 'Connection successful!' };
}
