-------------------------------- MODULE Json --------------------------------
(***************************************************************************)
(* tlatrace's rendition of the module Json (shipped with TLC and with the  *)
(* CommunityModules), written for tlatrace.  Its public operators (names,  *)
(* arities, LOCAL-ness) are those of the original, and the file is checked *)
(* against SANY.                                                           *)
(*                                                                         *)
(* Conversion of values to JSON text, and reading/writing JSON files.      *)
(* Records become JSON objects, sequences (tuples) and sets become JSON    *)
(* arrays.  The file operations are performed natively by tlatrace.        *)
(***************************************************************************)
LOCAL INSTANCE Naturals
LOCAL INSTANCE Sequences
LOCAL INSTANCE FiniteSets
LOCAL INSTANCE TLC
-----------------------------------------------------------------------------

\* The entry "key":value of F for the key d.
LOCAL Member(F, d) == ToString(ToString(d)) \o ":" \o ToString(F[d])

\* The items produced by Item(k) for all k in the finite set K, separated by
\* commas (in an unspecified order).
LOCAL Listed(Item(_), K) ==
  LET RECURSIVE Join(_)
      Join(R) == IF R = {} THEN ""
                 ELSE LET k    == CHOOSE x \in R : TRUE
                          more == R \ {k}
                      IN  Item(k) \o (IF more = {} THEN "" ELSE ", " \o Join(more))
  IN  Join(K)

\* A JSON object with the entries of F for the keys in D.
ToJsonObjectString(F, D) ==
  "{" \o Listed(LAMBDA k : Member(F, k), D) \o "}"

\* A JSON array with the values F[k] for the keys k in D.
ToJsonArrayString(F, D) ==
  "[" \o Listed(LAMBDA k : ToString(F[k]), D) \o "]"

\* An array if F is a set or a sequence (D = 1..n), an object otherwise.
ToJsonString(F, D) ==
  IF IsFiniteSet(F) \/ D = 1..Cardinality(D)
    THEN ToJsonArrayString(F, D)
    ELSE ToJsonObjectString(F, D)

(* Built in: implemented natively by tlatrace. *)
\* The JSON text for value: records become objects, tuples arrays, and
\* scalars their JSON representation.
ToJson(value) ==
  IF DOMAIN value = {} THEN "{}" ELSE ToJsonString(value, DOMAIN value)

(* Built in: implemented natively by tlatrace. *)
\* The JSON array text for the tuple value.
ToJsonArray(value) ==
  IF DOMAIN value = {} THEN "[]" ELSE ToJsonArrayString(value, DOMAIN value)

(* Built in: implemented natively by tlatrace. *)
\* The JSON object text for the record (function) value.
ToJsonObject(value) ==
  IF DOMAIN value = {} THEN "{}" ELSE ToJsonObjectString(value, DOMAIN value)

(* Built in: implemented natively by tlatrace. *)
\* Writes value as (plain) JSON to the file; equals TRUE.
JsonSerialize(absoluteFilename, value) == TRUE

(* Built in: implemented natively by tlatrace. *)
\* The value read from the JSON file: objects become records, arrays tuples.
JsonDeserialize(absoluteFilename) == CHOOSE v : TRUE

(* Built in: implemented natively by tlatrace. *)
\* Writes the elements of the tuple value to the file as newline-delimited
\* JSON; equals TRUE.
ndJsonSerialize(absoluteFilename, value) == TRUE

(* Built in: implemented natively by tlatrace. *)
\* The tuple of values read from a newline-delimited JSON file.
ndJsonDeserialize(absoluteFilename) == CHOOSE v : TRUE

=============================================================================
