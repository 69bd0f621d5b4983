/**
 * Reads the conversion hints the schema attaches to fields as custom options. Go's protobuf
 * marshaller writes every non-pointer field, zero or not, so the wire cannot tell "unset" from
 * "zero"; Kubernetes' JSON decides with Go pointer-ness and `omitempty` tags, which the
 * generated.proto files do not carry. These hints restore exactly that knowledge where it matters.
 */
import type { Field } from 'protobufjs';

/** A Go pointer field: presence on the wire means it was set, so a zero value is kept. */
export const PTR = '(ptr)';
/** A Go field without `omitempty`: Kubernetes' JSON prints it even when zero. */
export const KEEP = '(keep)';
/** An embedded Go struct: JSON flattens its fields into the parent object. */
export const INLINE = '(inline)';
/** A non-pointer IntOrString whose zero value (0 or "") means "unset" (Service targetPort). */
export const OMIT_ZERO = '(omitzero)';
/**
 * A non-pointer Go struct (ObjectMeta, PodSpec, ResourceRequirements, DeploymentStrategy, ...). Go
 * decodes `{}` and an absent field to the same zero struct, so an incoming JSON body's empty one is
 * dropped (`request/go-json.ts`); a message field without it is a pointer, where `{}` is a set value
 * (`securityContext: {}`) and stays. Protobuf cannot tell the two apart: Go writes every non-pointer
 * struct to the wire, and a pointer one only when set.
 */
export const VALUE_STRUCT = '(struct)';

function hasOption(field: Field, option: string): boolean {
  return field.options?.[option] === true;
}

/** Zero values of this field are kept in the JSON (pointer fields and non-omitempty fields). */
export function keepsZero(field: Field): boolean {
  return hasOption(field, PTR) || hasOption(field, KEEP);
}

export function isInline(field: Field): boolean {
  return hasOption(field, INLINE);
}

/** The field holds a non-pointer Go struct, whose empty value is the same as absent. */
export function isValueStruct(field: Field): boolean {
  return hasOption(field, VALUE_STRUCT);
}

export function omitsZeroIntOrString(field: Field): boolean {
  return hasOption(field, OMIT_ZERO);
}
