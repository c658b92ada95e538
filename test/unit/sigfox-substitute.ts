import type { ExtraVariables, SigfoxEvent } from '../../nodes/shared/callbacks/events';
import { bodyTemplate } from '../../nodes/shared/callbacks/events';

/** The combinations of extra variables a user can register (Extra Variables option). */
export const EXTRAS: ExtraVariables[][] = [
	[],
	['networkMetadata'],
	['computedLocation'],
	['networkMetadata', 'computedLocation'],
];

/** The templates we register for a kind: one per combination of extras that changes it. */
export function templatesOf(
	event: SigfoxEvent,
): Array<{ extras: ExtraVariables[]; template: string }> {
	const seen = new Set<string>();
	return EXTRAS.map((extras) => ({ extras, template: bodyTemplate(event, extras) })).filter(
		({ template }) => !seen.has(template) && seen.add(template) !== undefined,
	);
}

/** The `{variable}` names a template uses, in order. */
export function variablesOf(template: string): string[] {
	return [...template.matchAll(/\{([A-Za-z]+)\}/g)].map((match) => match[1]);
}

/**
 * Substitutes text the way Sigfox does: every `{name}` becomes the text given for it, as is,
 * quoted or not depending on the template. A variable without text is reported, not guessed.
 */
export function substitute(template: string, texts: Record<string, string>): string {
	return template.replace(/\{([A-Za-z]+)\}/g, (written, name: string) => {
		if (!(name in texts)) throw new Error(`no text for {${name}}`);
		return texts[name];
	});
}
