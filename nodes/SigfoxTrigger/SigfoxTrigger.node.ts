import type {
	INodeProperties,
	INodeType,
	INodeTypeDescription,
	IWebhookFunctions,
	IWebhookResponseData,
} from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { deviceTypeLocator, searchDeviceTypes } from '../shared/deviceType';
import { lifecycleOf } from './lifecycle';
import { receiveCallback, SIGFOX_SOURCE_RANGES } from './receive';
import { payloadConfigProperty, TRIGGER_PAYLOAD_CONFIG } from '../shared/payload';
import { sigfoxNodeHeader } from '../shared/nodeHeader';

/**
 * The device type locator without its ID pattern: n8n checks a locator's pattern before every
 * execution in a sandbox (about 1.2 ms a callback in npm run bench, ~8% of n8n's work per uplink).
 * A wrong ID still fails the activation, when Sigfox refuses to list its callbacks.
 */
function deviceTypeParameter(): INodeProperties {
	const locator = deviceTypeLocator({
		description:
			'The device type whose messages start the workflow; the trigger registers its callbacks there',
	});
	return {
		...locator,
		modes: locator.modes?.map((mode) => {
			const unchecked = { ...mode };
			delete unchecked.validation;
			return unchecked;
		}),
	};
}

export class SigfoxTrigger implements INodeType {
	description: INodeTypeDescription = {
		...sigfoxNodeHeader(
			'Sigfox Trigger',
			'sigfoxTrigger',
			'trigger',
			'Starts the workflow on every Sigfox message of a device type, registering its own callbacks in Sigfox',
		),
		icon: { light: 'file:../../icons/sigfox.svg', dark: 'file:../../icons/sigfox.dark.svg' },
		subtitle: '={{$parameter["events"].join(", ")}}',
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'sigfoxApi', required: true }],
		webhooks: [
			{
				name: 'default',
				httpMethod: 'POST',
				// n8n answers, after the execution is stored and queued: receiveCallback returns only the item.
				responseMode: 'onReceived',
				responseData: 'noData',
				responseCode: 204 as unknown as string,
				path: 'webhook',
			},
			{
				name: 'bidir' as 'default',
				httpMethod: 'POST',
				// Static: n8n evaluates expressions here before every call, ahead of the answer (0.5 ms in
				// npm run bench). Fixed and no-downlink answers are sent by webhook() itself. In "From the
				// Workflow" mode Downlink → Build Answer sends the answer the moment it runs (n8n's
				// response-node channel; in queue mode a message from the worker, independent of the
				// execution's end); a workflow that ends without one answers 204, no downlink.
				responseMode: 'responseNode',
				// A number, as Express wants it (the description's type lists only strings).
				responseCode: 204 as unknown as string,
				path: 'bidir',
			},
		],
		properties: [
			{
				displayName:
					'Sigfox calls only public HTTPS addresses with a CA-signed certificate: set WEBHOOK_URL to the public address of this n8n',
				name: 'httpsNotice',
				type: 'notice',
				default: '',
			},
			deviceTypeParameter(),
			{
				displayName: 'Events',
				name: 'events',
				type: 'multiOptions',
				required: true,
				default: ['uplink'],
				options: [
					{
						name: 'Bidirectional Uplink',
						value: 'bidir',
						description: 'A message of a device that may wait for a downlink answer (DATA / BIDIR)',
					},
					{
						name: 'Data Advanced',
						value: 'dataAdvanced',
						description:
							'About 30 s after a message: link quality, operator, duplicates and location (SERVICE / DATA_ADVANCED)',
					},
					{
						name: 'Device Error',
						value: 'error',
						description: 'A device stopped sending (keep-alive) or a network problem (ERROR)',
					},
					{
						name: 'Downlink Acknowledge',
						value: 'acknowledge',
						description: 'Whether a station emitted a downlink (SERVICE / ACKNOWLEDGE)',
					},
					{
						name: 'Uplink',
						value: 'uplink',
						description: 'A message of a device (DATA / UPLINK)',
					},
				],
			},
			payloadConfigProperty(TRIGGER_PAYLOAD_CONFIG),
			{
				displayName: 'Downlink Answer',
				name: 'downlinkAnswer',
				type: 'options',
				default: 'none',
				displayOptions: { show: { events: ['bidir'] } },
				description: 'What a device that asks for a downlink receives',
				options: [
					{
						name: 'No Downlink',
						value: 'none',
						description: 'Answer 204 at once',
					},
					{
						name: 'Fixed Value',
						value: 'fixed',
						description: 'Answer at once with 8 bytes of hexadecimal, which may be an expression',
					},
					{
						name: 'From the Workflow',
						value: 'workflow',
						description:
							'Answer when a Sigfox → Downlink → Build Answer node runs; a workflow without one, or failing before it, sends no downlink',
					},
				],
			},
			{
				displayName: 'Downlink Data',
				name: 'downlinkData',
				type: 'string',
				default: '',
				required: true,
				placeholder: 'e.g. 0102030405060708',
				displayOptions: { show: { events: ['bidir'], downlinkAnswer: ['fixed'] } },
				description:
					'16 hexadecimal characters. In an expression, $JSON.body holds the callback as Sigfox sent it, e.g. {{ $JSON.body.device }}.',
			},
			{
				displayName: 'Options',
				name: 'options',
				type: 'collection',
				placeholder: 'Add Option',
				default: {},
				options: [
					{
						displayName: 'Allowed Source Ranges',
						name: 'allowedSourceRanges',
						type: 'string',
						default: SIGFOX_SOURCE_RANGES,
						description:
							'Comma-separated IPv4 ranges (CIDR) allowed to call the webhooks; others get 403. Sigfox announces changes to its range in its release notes.',
					},
					{
						displayName: 'Extra Variables',
						name: 'extraVariables',
						type: 'multiOptions',
						default: [],
						description:
							'Contract-dependent variables to ask Sigfox for; leave out those the contract lacks, or the callbacks break',
						options: [
							{
								name: 'Computed Location',
								value: 'computedLocation',
								description:
									'Data Advanced: location computed by Sigfox (Atlas geolocation option)',
							},
							{
								name: 'Network Metadata',
								value: 'networkMetadata',
								description:
									'RSSI, SNR and station of uplinks, duplicates of Data Advanced (NETWORK METADATA option)',
							},
						],
					},
					{
						displayName: 'Take Over the Downlink',
						name: 'takeOverDownlink',
						type: 'boolean',
						default: false,
						description:
							"Whether to set the device type's downlink mode to Callback and select this trigger's bidirectional callback as its one downlink callback, restoring the previous settings on deactivation. It affects every device of the type. Test runs never take it over.",
					},
				],
			},
		],
	};

	methods = {
		listSearch: { searchDeviceTypes },
	};

	webhookMethods = { default: lifecycleOf('default'), bidir: lifecycleOf('bidir') };

	async webhook(this: IWebhookFunctions): Promise<IWebhookResponseData> {
		return receiveCallback.call(this);
	}
}
