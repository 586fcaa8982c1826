import { builder } from '../builder';

/** Employers and vacancies belong to the employers subgraph; courses point at them by id. */
export const EmployerRef = builder.externalRef('Employer', builder.selection<{ id: string }>('id'));
export const VacancyRef = builder.externalRef('Vacancy', builder.selection<{ id: string }>('id'));
