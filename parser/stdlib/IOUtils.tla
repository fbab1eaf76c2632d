------------------------------- MODULE IOUtils ------------------------------
(***************************************************************************)
(* tlatrace's rendition of the CommunityModules module IOUtils, written    *)
(* for tlatrace.  Its public operators (names, arities, LOCAL-ness) are    *)
(* those of the original, and the file is checked against SANY.           *)
(*                                                                         *)
(* File input/output, running external programs, and the process          *)
(* environment; these are performed natively by tlatrace.                  *)
(***************************************************************************)
LOCAL INSTANCE TLC
LOCAL INSTANCE Integers
LOCAL INSTANCE Sequences
LOCAL INSTANCE SequencesExt

\* The record describing a finished external process.
LOCAL ProcessResult == [exitValue : Int, stdout : STRING, stderr : STRING]

(* Built in: implemented natively by tlatrace. *)
\* Writes val to the file in binary form (compressed if compress is TRUE);
\* equals TRUE.
IOSerialize(val, absoluteFilename, compress) == TRUE

(* Built in: implemented natively by tlatrace. *)
\* The value stored in the file by IOSerialize.
IODeserialize(absoluteFilename, compressed) == CHOOSE val : TRUE

(* Built in: implemented natively by tlatrace. *)
\* Writes value to dest (a file name) in the format given by the record
\* options (field format, e.g. "TXT", plus format-specific fields such as
\* charset and openOptions).
Serialize(value, dest, options) == CHOOSE r \in ProcessResult : TRUE

(* Built in: implemented natively by tlatrace. *)
\* The value read from src in the format given by options.
Deserialize(src, options) == CHOOSE val : TRUE
-----------------------------------------------------------------------------

(* Built in: implemented natively by tlatrace. *)
\* Runs the program command[1] with arguments command[2], ... and equals
\* its exit value and output.
IOExec(command) == CHOOSE r \in ProcessResult : TRUE

(* Built in: implemented natively by tlatrace. *)
\* IOExec with the extra environment variables env (a set of pairs
\* <<name, value>>).
IOEnvExec(env, command) == CHOOSE r \in ProcessResult : TRUE

(* Built in: implemented natively by tlatrace. *)
\* IOExec of commandTemplate after its %s-style placeholders have been
\* filled in with the elements of parameters.
IOExecTemplate(commandTemplate, parameters) ==
  CHOOSE r \in ProcessResult : TRUE

(* Built in: implemented natively by tlatrace. *)
\* IOExecTemplate with the extra environment variables env.
IOEnvExecTemplate(env, commandTemplate, parameters) ==
  CHOOSE r \in ProcessResult : TRUE

(* Built in: implemented natively by tlatrace. *)
\* The environment variables of the process, as a record.
IOEnv == CHOOSE r \in [STRING -> STRING] : TRUE

(* Built in: implemented natively by tlatrace. *)
\* The integer written in decimal in the string str, e.g. atoi("-17") = -17.
atoi(str) == CHOOSE i \in Int : ToString(i) = str

\* The natural n written in decimal with leading zeros up to the given
\* width, e.g. zeroPadN(42, 5) = "00042".
zeroPadN(n, width) ==
  LET digits == ToString(n)
      zeros  == [i \in 1..(width - Len(digits)) |-> "0"]
  IN  FoldLeft(LAMBDA acc, z : acc \o z, "", zeros) \o digits

=============================================================================
