import { Workspace } from './workspace.entity';

/** The tables of the workspace feature: the agencies themselves. */
export const WORKSPACE_ENTITIES = [Workspace];
