// Every process's custom search attributes, for whoever sets up a Temporal server (the dev server
// of `npm start`, the test servers, the cluster shape). Loading the workflow bundle's index defines
// every process, and each process registers its own: a new process touches no list here.
import { definedSearchAttributes, registrationOf } from './runtime/messages';
import './index';

export const ALL_SEARCH_ATTRIBUTES = definedSearchAttributes();
export const SEARCH_ATTRIBUTE_REGISTRATIONS = ALL_SEARCH_ATTRIBUTES.map(registrationOf);
