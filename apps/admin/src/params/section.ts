import type { ParamMatcher } from '@sveltejs/kit';
import { isSection, type Section } from '$lib/navigation/nav';

/** Only the known sections; anything else is a 404 rather than an empty page. */
export const match = ((param: string): param is Section => isSection(param)) satisfies ParamMatcher;
