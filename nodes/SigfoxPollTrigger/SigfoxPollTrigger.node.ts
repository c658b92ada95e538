import type {
	INodeExecutionData,
	INodeType,
	INodeTypeDescription,
	IPollFunctions,
} from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { deviceTypeLocator, searchDeviceTypes } from '../shared/deviceType';
import { DEFAULT_MAX_ITEMS_PER_POLL, pollMessages } from './poll';
import { objectIdProperty } from '../shared/locator';
import { payloadConfigProperty, TRIGGER_PAYLOAD_CONFIG } from '../shared/payload';
import { sigfoxNodeHeader } from '../shared/nodeHeader';

export class SigfoxPollTrigger implements INodeType {
	description: INodeTypeDescription = {
		...sigfoxNodeHeader(
			'Sigfox Poll Trigger',
			'sigfoxPollTrigger',
			'trigger',
			'Starts the workflow on new Sigfox messages or undelivered callbacks, polling the Sigfox API (no public URL needed)',
		),
		icon: { light: 'file:../../icons/sigfox.svg', dark: 'file:../../icons/sigfox.dark.svg' },
		subtitle: '={{$parameter["source"]}}',
		polling: true,
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'sigfoxApi', required: true }],
		properties: [
			{
				displayName: 'Source',
				name: 'source',
				type: 'options',
				default: 'deviceTypeMessages',
				options: [
					{
						name: 'Messages of a Device Type',
						value: 'deviceTypeMessages',
						description: 'New messages of every device of a device type',
					},
					{
						name: 'Messages of Devices',
						value: 'deviceMessages',
						description:
							'New messages of chosen devices (one request per device, at most one per second)',
					},
					{
						name: 'Undelivered Callbacks of a Device Type',
						value: 'deviceTypeUndelivered',
						description:
							'Messages whose callbacks Sigfox gave up delivering: recovers what an outage of n8n missed',
					},
					{
						name: 'Undelivered Callbacks of a Group',
						value: 'groupUndelivered',
						description:
							'Messages whose callbacks Sigfox gave up delivering, for every device type of a group',
					},
				],
			},
			deviceTypeLocator({
				displayOptions: { show: { source: ['deviceTypeMessages', 'deviceTypeUndelivered'] } },
			}),
			{
				displayName: 'Device IDs',
				name: 'deviceIds',
				type: 'string',
				default: '',
				required: true,
				placeholder: 'e.g. 007B480F, 1A2B03',
				displayOptions: { show: { source: ['deviceMessages'] } },
				description: 'Comma-separated IDs of the devices to watch',
			},
			objectIdProperty('Group ID', 'groupId', {
				displayOptions: { show: { source: ['groupUndelivered'] } },
			}),
			{
				displayName: 'Start From',
				name: 'startFrom',
				type: 'options',
				default: 'now',
				description:
					'Where the first poll starts; later polls continue where the previous one stopped',
				options: [
					{ name: 'Now', value: 'now', description: 'Only messages that arrive after activation' },
					{
						name: 'Some Hours Back',
						value: 'lookBack',
						description: 'Also the messages of the last hours (Sigfox keeps about 3 days)',
					},
				],
			},
			{
				displayName: 'Hours Back',
				name: 'lookBackHours',
				type: 'number',
				typeOptions: { minValue: 1, maxValue: 72 },
				default: 24,
				displayOptions: { show: { startFrom: ['lookBack'] } },
			},
			payloadConfigProperty(TRIGGER_PAYLOAD_CONFIG),
			{
				displayName: 'Max Items per Poll',
				name: 'maxItemsPerPoll',
				type: 'number',
				typeOptions: { minValue: 1, maxValue: 100000 },
				default: DEFAULT_MAX_ITEMS_PER_POLL,
				description:
					'The most items one poll emits, oldest first; a larger backlog comes over the next polls. Each poll is one execution holding its items in memory and in its record.',
			},
			{
				displayName: 'Options',
				name: 'options',
				type: 'collection',
				placeholder: 'Add Option',
				default: {},
				displayOptions: { show: { source: ['deviceTypeUndelivered', 'groupUndelivered'] } },
				options: [
					{
						displayName: 'Callback URL Contains',
						name: 'callbackUrlContains',
						type: 'string',
						default: '',
						placeholder: 'e.g. /webhook/',
						description:
							'Only undelivered callbacks whose URL contains this text, e.g. the address of this n8n to recover what the Sigfox Trigger missed',
					},
				],
			},
		],
	};

	methods = {
		listSearch: { searchDeviceTypes },
	};

	async poll(this: IPollFunctions): Promise<INodeExecutionData[][] | null> {
		const items = await pollMessages(this);
		return items.length > 0 ? [this.helpers.returnJsonArray(items)] : null;
	}
}
