import { WorkflowExecute } from 'n8n-core';
import type {
	ICredentialDataDecryptedObject,
	IDataObject,
	INode,
	INodeParameters,
	INodeProperties,
	INodeType,
	IWorkflowBase,
} from 'n8n-workflow';
import { NodeConnectionTypes, Workflow } from 'n8n-workflow';

import { Sigfox } from '../../nodes/Sigfox/Sigfox.node';
import type { NodeRun, SentRequest, SigfoxCredentialData } from './harness';
import { additionalData, testNode, TestNodeTypes } from './harness';

/** The tool variant's type, as workflows name it. */
export const SIGFOX_TOOL_TYPE = 'n8n-nodes-sigfox.sigfoxTool';

/**
 * The Sigfox node as n8n 2.41 offers it to AI agents and MCP clients, "Sigfox Tool": the same node renamed
 * `<name>Tool`, with no main input and an ai_tool output, and n8n's two description parameters unless the
 * node declares `toolDescription` itself (packages/cli/src/tool-generation/ai-tools.ts, convertNodeToAiTool).
 * n8n evaluates `@tool` display options against that name.
 */
export function sigfoxTool(): INodeType {
	const node = new Sigfox();
	const base = node.description;
	const properties: INodeProperties[] = base.properties.some((p) => p.name === 'toolDescription')
		? base.properties
		: [
				{
					displayName: 'Tool Description',
					name: 'descriptionType',
					type: 'options',
					noDataExpression: true,
					options: [
						{ name: 'Set Automatically', value: 'auto' },
						{ name: 'Set Manually', value: 'manual' },
					],
					default: 'auto',
				},
				{
					displayName: 'Description',
					name: 'toolDescription',
					type: 'string',
					default: base.description,
					required: true,
					displayOptions: { show: { descriptionType: ['manual'] } },
				},
				...base.properties,
			];
	const description = {
		...base,
		name: `${base.name}Tool`,
		displayName: `${base.displayName} Tool`,
		inputs: [],
		outputs: [NodeConnectionTypes.AiTool],
		properties,
	};
	delete description.usableAsTool;
	return Object.assign(Object.create(node) as INodeType, { description });
}

/**
 * Runs one "Sigfox Tool" node the way an agent's tool call runs it: alone, on one item, with the parameters
 * the model filled in. Returns what the tool answered (its items, or the error the model is handed back)
 * and the requests that reached Sigfox.
 */
export async function runSigfoxTool(
	parameters: INodeParameters,
	options: { credentials: SigfoxCredentialData },
): Promise<Omit<NodeRun, 'responses'>> {
	const node: INode = testNode({
		id: 'sigfox-tool',
		name: 'Sigfox Tool',
		type: SIGFOX_TOOL_TYPE,
		parameters,
	});
	const nodeTypes = new TestNodeTypes({ [SIGFOX_TOOL_TYPE]: sigfoxTool() });
	const workflow = new Workflow({
		id: 'tool-workflow',
		name: 'Sigfox Tool test',
		nodes: [node],
		connections: {},
		active: false,
		nodeTypes,
		settings: { executionOrder: 'v1' },
	});
	const workflowData = {
		id: 'tool-workflow',
		name: 'Sigfox Tool test',
		active: false,
		isArchived: false,
		nodes: [node],
		connections: {},
		createdAt: new Date(),
		updatedAt: new Date(),
		activeVersionId: null,
	} as unknown as IWorkflowBase;
	const requests: SentRequest[] = [];
	const data = additionalData(
		{ ...options.credentials } as unknown as ICredentialDataDecryptedObject,
		workflowData,
		requests,
	);
	const run = await new WorkflowExecute(data, 'manual').run({
		workflow,
		startNode: workflow.getNode(node.name)!,
	});
	const rejected = requests.filter((request) => request.errors.length > 0);
	if (rejected.length > 0) {
		throw new Error(
			`Sigfox Tool sent request(s) the Sigfox API v2 spec rejects: ${rejected
				.map((r) => `${r.method} ${r.path}: ${r.errors.join('; ')}`)
				.join('\n')}`,
		);
	}
	const task = run.data.resultData.runData[node.name]?.[0];
	const outputs = (task?.data ?? {}) as Record<string, Array<Array<{ json: IDataObject }>>>;
	const items = Object.values(outputs).flatMap((output) => output[0] ?? []);
	const error = (task?.error ?? run.data.resultData.error) as NodeRun['error'];
	return { items: items as NodeRun['items'], error, run, requests };
}
