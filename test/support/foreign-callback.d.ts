/** A callback of another system (an ERP) on the trigger's device type, which the trigger must never touch. */
export const FOREIGN_CALLBACK: Readonly<{
	channel: 'URL';
	callbackType: number;
	callbackSubtype: number;
	url: string;
	httpMethod: 'POST';
	headers: { authorization: string };
	bodyTemplate: string;
	contentType: string;
}>;
