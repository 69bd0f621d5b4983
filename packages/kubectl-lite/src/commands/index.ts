/**
 * Every subcommand, in the order `--help` lists them. To add one: write src/commands/<name>.ts
 * exporting a RegisterCommand, and add it here.
 */
import { registerApiResources } from './api-resources';
import { registerApply } from './apply';
import { registerConfig } from './config';
import { registerCreate } from './create';
import { registerDelete } from './delete';
import { registerDescribe } from './describe';
import { registerDrain } from './drain';
import { registerEvents } from './events';
import { registerGet } from './get';
import { registerAnnotate, registerLabel } from './label';
import { registerLogs } from './logs';
import { registerNodes } from './nodes';
import { registerRollout } from './rollout';
import { registerScale } from './scale';
import { registerTrace } from './trace';
import { registerUp } from './up';
import type { RegisterCommand } from './types';
import { registerVersion } from './version';

export const COMMANDS: RegisterCommand[] = [
  registerCreate,
  registerGet,
  registerDescribe,
  registerDelete,
  registerApply,
  registerLabel,
  registerAnnotate,
  registerScale,
  registerRollout,
  registerLogs,
  registerEvents,
  registerTrace,
  registerUp,
  registerNodes,
  registerDrain,
  registerApiResources,
  registerConfig,
  registerVersion,
];
