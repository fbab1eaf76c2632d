--------------------------------- MODULE SVG --------------------------------
(***************************************************************************)
(* tlatrace's rendition of the CommunityModules module SVG, written for    *)
(* tlatrace.  Its public operators (names, arities, LOCAL-ness) are those  *)
(* of the original, and the file is checked against SANY.                 *)
(*                                                                         *)
(* SVG elements are records [name, attrs, children, innerText]: the        *)
(* element name, a record of attribute values (strings), a tuple of child  *)
(* elements, and raw text (for text elements).  Pass << >> for no          *)
(* attributes.                                                             *)
(***************************************************************************)
LOCAL INSTANCE Naturals
LOCAL INSTANCE Sequences
LOCAL INSTANCE Integers
LOCAL INSTANCE TLC
LOCAL INSTANCE FiniteSets

\* The union of two records; where both have a field, r1's value wins.
LOCAL Merge(r1, r2) ==
  [k \in DOMAIN r1 \cup DOMAIN r2 |-> IF k \in DOMAIN r1 THEN r1[k] ELSE r2[k]]

\* An SVG element.
SVGElem(_name, _attrs, _children, _innerText) ==
  [name |-> _name, attrs |-> _attrs, children |-> _children,
   innerText |-> _innerText]

\* An element without children or text whose attributes are given, merged
\* with (and overriding) extra.
LOCAL Leaf(kind, given, extra) == SVGElem(kind, Merge(given, extra), << >>, "")
-----------------------------------------------------------------------------

\* A line from (x1, y1) to (x2, y2) (integer coordinates).
Line(x1, y1, x2, y2, attrs) ==
  Leaf("line", [x1 |-> ToString(x1), y1 |-> ToString(y1),
                x2 |-> ToString(x2), y2 |-> ToString(y2)], attrs)

\* A circle with centre (cx, cy) and radius r.
Circle(cx, cy, r, attrs) ==
  Leaf("circle", [cx |-> ToString(cx), cy |-> ToString(cy),
                  r |-> ToString(r)], attrs)

\* A rectangle with corner (x, y), width w and height h.
Rect(x, y, w, h, attrs) ==
  Leaf("rect", [x |-> ToString(x), y |-> ToString(y),
                width |-> ToString(w), height |-> ToString(h)], attrs)

\* The string text placed at (x, y).
Text(x, y, text, attrs) ==
  SVGElem("text", Merge([x |-> ToString(x), y |-> ToString(y)], attrs),
          << >>, text)

\* The image at the address href, placed at (x, y) with the given size.
Image(x, y, width, height, href, attrs) ==
  Leaf("image", ("xlink:href" :> href) @@ ("x" :> ToString(x))
                  @@ ("y" :> ToString(y)) @@ ("width" :> ToString(width))
                  @@ ("height" :> ToString(height)), attrs)

\* A group of the elements in the tuple children.
Group(children, attrs) == SVGElem("g", attrs, children, "")

\* An svg container of the elements in the tuple children.
Svg(children, attrs) == SVGElem("svg", attrs, children, "")

\* A complete SVG document containing children, with the view box whose
\* corner is (vbX, vbY) and whose size is vbW by vbH.
SVGDoc(children, vbX, vbY, vbW, vbH, attrs) ==
  LET box == ToString(vbX) \o " " \o ToString(vbY) \o " "
               \o ToString(vbW) \o " " \o ToString(vbH)
      docAttrs == ("xmlns:xlink" :> "http://www.w3.org/1999/xlink")
                    @@ ("xmlns" :> "http://www.w3.org/2000/svg")
                    @@ ("viewBox" :> box)
  IN  Svg(<<children>>, Merge(docAttrs, attrs))

(* Built in: implemented natively by tlatrace. *)
\* The SVG (XML) text of the element elem and its descendants.
SVGElemToString(elem) == CHOOSE str \in STRING : TRUE
-----------------------------------------------------------------------------

(* Built in: implemented natively by tlatrace. *)
\* The (integer) coordinates [x |-> ..., y |-> ...] of the n-th of m nodes
\* placed evenly on a circle of radius r around (cx, cy).
NodeOfRingNetwork(cx, cy, r, n, m) == CHOOSE pt \in [x : Int, y : Int] : TRUE

(* Built in: implemented natively by tlatrace. *)
\* A layout of the graph with the given nodes and edges: a function from
\* the nodes to their coordinates [x, y]; options selects the algorithm.
NodesOfDirectedMultiGraph(nodes, edges, options) ==
  CHOOSE f \in [nodes -> [x : Int, y : Int]] : TRUE

\* The point a 1/segment part of the way from point from to point to.
PointOnLine(from, to, segment) ==
  [x |-> from.x + (to.x - from.x) \div segment,
   y |-> from.y + (to.y - from.y) \div segment]
-----------------------------------------------------------------------------

\* Writes the SVG text of svg to the file named frameNamePrefix followed
\* by frameNumber (zero-padded to three digits) and ".svg".
SVGSerialize(svg, frameNamePrefix, frameNumber) ==
  LET IO == INSTANCE IOUtils
  IN  IO!Serialize(SVGElemToString(svg),
                   frameNamePrefix \o IO!zeroPadN(frameNumber, 3) \o ".svg",
                   [format |-> "TXT", charset |-> "UTF-8",
                    openOptions |-> <<"WRITE", "CREATE", "TRUNCATE_EXISTING">>])

=============================================================================
