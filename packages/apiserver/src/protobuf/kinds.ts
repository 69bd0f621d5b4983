/**
 * Which protobuf message carries which API kind. Kubernetes' protobuf objects do not contain their
 * own apiVersion/kind: the envelope's typeMeta names them, and this table (derived from the kinds'
 * definitions in @tinykube/api) maps that name to the message to decode the raw bytes with.
 */
import { DeleteOptions, KIND_DEFINITIONS, MESSAGE, kindFacts, type Annotated } from '@tinykube/api';

let kindMessages: ReadonlyMap<string, string> | undefined;

function table(): ReadonlyMap<string, string> {
  kindMessages ??= new Map(
    KIND_DEFINITIONS.map((def) => {
      const { apiVersion, kind } = kindFacts(def);
      return [`${apiVersion}/${kind}`, (def as Annotated)[MESSAGE] as string];
    }),
  );
  return kindMessages;
}

const DELETE_OPTIONS_MESSAGE = (DeleteOptions as Annotated)[MESSAGE] as string;

/** The full protobuf message name for apiVersion + kind, or undefined when not supported. */
export function messageNameFor(apiVersion: string, kind: string): string | undefined {
  // DeleteOptions is registered in every group version (typed clients label it with their own
  // group's version), so any non-empty apiVersion is accepted for it.
  if (kind === 'DeleteOptions' && apiVersion !== '') return DELETE_OPTIONS_MESSAGE;
  return table().get(`${apiVersion}/${kind}`);
}

/** Every apiVersion/kind pair with a fixed message, for tests and diagnostics. */
export function supportedKinds(): Array<{ apiVersion: string; kind: string }> {
  return [...table().keys()].map((key) => {
    const slash = key.lastIndexOf('/');
    return { apiVersion: key.slice(0, slash), kind: key.slice(slash + 1) };
  });
}
