/** Household survey (五清调查表) import: spreadsheets in, checked households out to the caller's writer. */
export { importSurvey } from './importer';
export { estimateRows } from './count';
export { openSurvey, type OpenedSurvey, type SourceRow } from './reader';
export { SURVEY_FIELDS, SurveyFileError, type SurveyField } from './headings';
export type * from './types';
