/** What this machine is: capacity (cpu, memory, pods) and the Node's nodeInfo, read from the OS. */
import { readFileSync } from 'node:fs';
import { cpus, release, totalmem } from 'node:os';
import { parseQuantity, type NodeSystemInfo, type ResourceList } from '@tinykube/api';

export const KUBELET_VERSION = 'v1.30.0-tinykube';

function readTrimmed(path: string): string {
  try {
    return readFileSync(path, 'utf8').trim();
  } catch {
    return '';
  }
}

function osImage(): string {
  const m = /^PRETTY_NAME="?([^"\n]*)"?$/m.exec(readTrimmed('/etc/os-release'));
  return m ? m[1] : 'Linux';
}

export function goArch(arch: string = process.arch): string {
  return arch === 'x64' ? 'amd64' : arch === 'ia32' ? '386' : arch;
}

/** The machine's own capacity: every CPU, all memory (in Ki, as the kubelet reports it), max pods. */
export function machineCapacity(maxPods: number): ResourceList {
  return { cpu: String(cpus().length), memory: `${Math.floor(totalmem() / 1024)}Ki`, pods: String(maxPods) };
}

/** capacity minus reserved, resource by resource (never below zero). */
export function allocatable(capacity: ResourceList, reserved: ResourceList): ResourceList {
  const out: ResourceList = { ...capacity };
  for (const [k, v] of Object.entries(reserved)) {
    if (capacity[k] === undefined) continue;
    const rest = parseQuantity(String(capacity[k])).sub(parseQuantity(String(v)));
    out[k] = rest.sign() < 0 ? '0' : rest.canonicalString();
  }
  return out;
}

export function nodeSystemInfo(containerRuntimeVersion: string): NodeSystemInfo {
  const machineID = readTrimmed('/etc/machine-id');
  return {
    machineID,
    systemUUID: readTrimmed('/sys/class/dmi/id/product_uuid') || machineID,
    bootID: readTrimmed('/proc/sys/kernel/random/boot_id'),
    kernelVersion: release(),
    osImage: osImage(),
    containerRuntimeVersion,
    kubeletVersion: KUBELET_VERSION,
    kubeProxyVersion: KUBELET_VERSION,
    operatingSystem: 'linux',
    architecture: goArch(),
  };
}
