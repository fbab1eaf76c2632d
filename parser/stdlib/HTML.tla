--------------------------------- MODULE HTML -------------------------------
(***************************************************************************)
(* tlatrace's rendition of the CommunityModules module HTML, written for   *)
(* tlatrace.  Its public operators (names, arities, LOCAL-ness) are those  *)
(* of the original, and the file is checked against SANY.                 *)
(*                                                                         *)
(* Builds HTML text (strings) for visualising states.  Lines of the        *)
(* produced text are separated by "\n".                                    *)
(***************************************************************************)
LOCAL INSTANCE Sequences
LOCAL INSTANCE SequencesExt

\* Applies the replacements in args, a sequence of pairs <<old, new>>, one
\* after the other, each to the first occurrence of old in string.
\* E.g. HTMLFill("n = %n%", << <<"%n%", "7">> >>) = "n = 7".
HTMLFill(string, args) ==
  FoldLeft(LAMBDA str, pair : ReplaceFirstSubSeq(pair[2], pair[1], str),
           string, args)

\* The strings of the sequence parts joined with sep; empty strings at the
\* start are dropped.
LOCAL Joined(parts, sep) ==
  FoldLeft(LAMBDA acc, next : IF acc = "" THEN next ELSE acc \o sep \o next,
           "", parts)

LOCAL Lines(parts) == Joined(parts, "\n")

\* The text of a double-quoted attribute value.
LOCAL Quoted(str) == "\"" \o str \o "\""
-----------------------------------------------------------------------------

\* A complete document.
HTMLDocument(header, body, list_of_scripts) ==
  Lines(<<"<!DOCTYPE html>", "<html>", header, body, Lines(list_of_scripts),
          "</html>">>)

\* A CSS rule for the selector classname.
HTMLClass(classname, attribute_list) ==
  Lines(<<classname \o " {", Lines(attribute_list), "}">>)

\* A CSS declaration  name: value;
HTMLAttribute(name, value) == name \o ": " \o value \o ";"

\* The CSS rules the other operators rely on.
HTMLDefaultStyle ==
  Lines(<<HTMLClass(".default_grid", <<HTMLAttribute("display", "grid")>>),
          HTMLClass(".default_box",
                    <<HTMLAttribute("border", "1px solid black")>>),
          HTMLClass(".default_circle",
                    <<HTMLAttribute("border-radius", "50%")>>)>>)

\* A style element with the default rules and those in class_list.
HTMLStyleSheet(class_list) ==
  Lines(<<"<style type=" \o Quoted("text/css") \o ">", HTMLDefaultStyle,
          Lines(class_list), "</style>">>)
-----------------------------------------------------------------------------

\* A script element loading the file name.
HTMLScriptFile(name) == "<script src=" \o Quoted(name) \o "></script>"

\* A script element with the lines children.
HTMLScript(children) == Lines(<<"<script>", Lines(children), "</script>">>)

\* A link element.
HTMLLink(name, type) ==
  "<link href=" \o Quoted(name) \o " rel=" \o Quoted(type) \o "/>"

\* The head element of a document.
HTMLHeader(title, list_of_links, class_list) ==
  Lines(<<"<head>", "<meta charset=" \o Quoted("UTF-8") \o ">",
          "<title>" \o title \o "</title>", Lines(list_of_links),
          HTMLStyleSheet(class_list), "</head>">>)
-----------------------------------------------------------------------------

\* The body element of a document.
HTMLBody(body) == Lines(<<"<body>", body, "</body>">>)

\* A div with the given id around children.
HTMLFrame(id, children) ==
  Lines(<<"<div id=" \o Quoted(id) \o ">", Lines(children), "</div>">>)

\* A grid container div.
HTMLGridContainer(id, class_list, children) ==
  Lines(<<"<div id=" \o Quoted(id) \o " class="
            \o Quoted("default_grid " \o Joined(class_list, " ")) \o ">",
          Lines(children), "</div>">>)

\* A bordered box div; size is CSS text such as HTMLSize(w, h).
HTMLBox(id, class_list, size, children) ==
  Lines(<<"<div id=" \o Quoted(id) \o " class="
            \o Quoted("default_box " \o Joined(class_list, " "))
            \o " style=" \o Quoted(size) \o ">",
          Lines(children), "</div>">>)

\* A round box.
HTMLCircle(id, class_list, size, children) ==
  HTMLBox(id, <<"default_circle">> \o class_list, size, children)

\* A span with the given id around text.
HTMLText(id, text) ==
  Lines(<<"<span id=" \o Quoted(id) \o ">", text, "</span>">>)

\* An svg element around svgString.
HTMLSVG(id, viewBox, size, svgString) ==
  Lines(<<"<svg id=" \o Quoted(id) \o " viewBox=" \o Quoted(viewBox)
            \o " style=" \o Quoted(size) \o ">",
          svgString, "</svg>">>)
-----------------------------------------------------------------------------

\* CSS declarations for width and height.
HTMLSize(width, height) ==
  Joined(<<HTMLAttribute("width", width), HTMLAttribute("height", height)>>,
         " ")

HTMLNewLine == "<br>"

\* CSS declarations centring the content of a flex box.
HTMLFlexCenterAttributes ==
  Lines(<<HTMLAttribute("display", "flex"),
          HTMLAttribute("align-items", "center"),
          HTMLAttribute("justify-content", "center")>>)

\* JavaScript for the two elements with the given ids.
HTMLJSLineElems(fromID, destID) ==
  "document.getElementById(" \o Quoted(fromID) \o "), "
    \o "document.getElementById(" \o Quoted(destID) \o ")"

\* JavaScript drawing a line (LeaderLine library) between two elements.
HTMLJSLine(fromID, destID, color, size) ==
  "new LeaderLine(" \o HTMLJSLineElems(fromID, destID)
    \o ", {color: '" \o color \o "', size: " \o size \o "})"

\* Like HTMLJSLine, with a dashed line.
HTMLJSLineDash(fromID, destID, color, size) ==
  "new LeaderLine(" \o HTMLJSLineElems(fromID, destID)
    \o ",  {color: '" \o color \o "', size: " \o size \o ", dash: true})"

\* JavaScript handling key presses with the code in events.
HTMLJSKeyListener(events) ==
  Lines(<<"window.onkeyup = function(event) {",
          "let key = event.key.toUpperCase();", Lines(events), "}">>)

\* JavaScript going to page file when key is pressed.
HTMLJSNavigationKey(key, file) ==
  Lines(<<"if(key == '" \o key \o "'){",
          "window.location.replace(" \o Quoted(file) \o ");", "}">>)

=============================================================================
