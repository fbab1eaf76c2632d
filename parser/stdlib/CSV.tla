--------------------------------- MODULE CSV --------------------------------
(***************************************************************************)
(* tlatrace's rendition of the CommunityModules module CSV, written for    *)
(* tlatrace.  Its public operators (names, arities, LOCAL-ness) are those  *)
(* of the original, and the file is checked against SANY.                 *)
(*                                                                         *)
(* Reading and writing CSV files; all operators are performed natively by  *)
(* tlatrace.                                                               *)
(***************************************************************************)
LOCAL INSTANCE TLC
LOCAL INSTANCE Integers

(* Built in: implemented natively by tlatrace. *)
\* Appends one line to file: template, a Java-style format string whose
\* %1$s, %2$s, ... stand for the elements of the tuple val.  Equals TRUE.
CSVWrite(template, val, file) == TRUE

(* Built in: implemented natively by tlatrace. *)
\* Appends the values of record to file, separated by delim; if headers is
\* TRUE the field names are written first (as a header line).  Equals TRUE.
CSVWriteRecord(record, delim, headers, file) == TRUE

(* Built in: implemented natively by tlatrace. *)
\* The lines of file as a sequence of records whose fields are the names in
\* the tuple columns and whose values are the (string) cells of the line.
CSVRead(columns, delimiter, file) == CHOOSE rows : TRUE

(* Built in: implemented natively by tlatrace. *)
\* The number of lines in file (0 if the file does not exist).
CSVRecords(file) == CHOOSE n \in Nat : TRUE

=============================================================================
