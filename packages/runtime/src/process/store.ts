/**
 * The process driver's state on disk, so a restarted runtime knows what it ran:
 *
 *   <root>/images.json                     the image store (a list of names)
 *   <root>/sandboxes/<id>.json             one SandboxRecord per pod sandbox
 *   <root>/containers/<id>/state.json      one ProcessContainerRecord per container
 *   <root>/containers/<id>/stdout|stderr   the process's raw output (copied into the CRI log)
 *   <root>/pods/<sandbox id>/<container>/  a container's directory: default cwd and HOME, mount symlinks
 *
 * Every file is written to a temp name and renamed, so a crash never leaves half a record.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { ContainerRecord, SandboxRecord } from '../cri/records';
import type { LogOffsets } from './cri-log';

export interface ProcessContainerRecord extends ContainerRecord {
  /** 0 until started. */
  pid: number;
  /** /proc/<pid>/stat start time: tells our process from a later one that reused the pid. */
  pidStartTime: string;
  logOffsets: LogOffsets;
  /** The last signal the runtime sent, to explain an exit it could not observe directly. */
  lastSignal: NodeJS.Signals | '';
}

function writeJsonAtomic(file: string, value: unknown): void {
  const tmp = `${file}.${process.pid}.tmp`;
  fs.writeFileSync(tmp, JSON.stringify(value));
  fs.renameSync(tmp, file);
}

function readJson<T>(file: string): T | undefined {
  try {
    return JSON.parse(fs.readFileSync(file, 'utf8')) as T;
  } catch {
    return undefined;
  }
}

export class StateStore {
  private readonly sandboxDir: string;
  private readonly containersDir: string;
  private readonly podsDir: string;

  constructor(readonly root: string) {
    this.sandboxDir = path.join(root, 'sandboxes');
    this.containersDir = path.join(root, 'containers');
    this.podsDir = path.join(root, 'pods');
    for (const d of [this.sandboxDir, this.containersDir, this.podsDir]) fs.mkdirSync(d, { recursive: true });
  }

  loadImages(): string[] {
    return readJson<string[]>(path.join(this.root, 'images.json')) ?? [];
  }

  saveImages(names: string[]): void {
    writeJsonAtomic(path.join(this.root, 'images.json'), names);
  }

  loadSandboxes(): SandboxRecord[] {
    return fs
      .readdirSync(this.sandboxDir)
      .filter((f) => f.endsWith('.json'))
      .map((f) => readJson<SandboxRecord>(path.join(this.sandboxDir, f)))
      .filter((s): s is SandboxRecord => s !== undefined);
  }

  saveSandbox(s: SandboxRecord): void {
    writeJsonAtomic(path.join(this.sandboxDir, `${s.id}.json`), s);
  }

  /** Forgets the sandbox and deletes its pod directory (symlinks only; mount targets are untouched). */
  deleteSandbox(id: string): void {
    fs.rmSync(path.join(this.sandboxDir, `${id}.json`), { force: true });
    fs.rmSync(this.podDir(id), { recursive: true, force: true });
  }

  loadContainers(): ProcessContainerRecord[] {
    return fs
      .readdirSync(this.containersDir)
      .map((id) => readJson<ProcessContainerRecord>(path.join(this.containersDir, id, 'state.json')))
      .filter((c): c is ProcessContainerRecord => c !== undefined);
  }

  saveContainer(c: ProcessContainerRecord): void {
    fs.mkdirSync(this.containerStateDir(c.id), { recursive: true });
    writeJsonAtomic(path.join(this.containerStateDir(c.id), 'state.json'), c);
  }

  deleteContainer(id: string): void {
    fs.rmSync(this.containerStateDir(id), { recursive: true, force: true });
  }

  /** Where the container's state and raw output live. */
  containerStateDir(id: string): string {
    return path.join(this.containersDir, id);
  }

  podDir(sandboxId: string): string {
    return path.join(this.podsDir, sandboxId);
  }

  /** The container's own directory inside its pod's: default cwd, HOME, and where mounts are linked. */
  containerDir(sandboxId: string, containerName: string): string {
    return path.join(this.podDir(sandboxId), containerName);
  }
}
