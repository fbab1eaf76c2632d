---------------------------- MODULE MCPaxosSmall ----------------------------
(***************************************************************************)
(* TLC model of Paxos, SmallModel: 3 acceptors, 2 values, ballots 0..2.    *)
(* The definitions carry the names the TLA+ Toolbox gives them.            *)
(***************************************************************************)
EXTENDS Paxos, TLC

CONSTANTS
a1, a2, a3

CONSTANTS
v1, v2

\* CONSTANT definitions @modelParameterConstants:0Acceptor
const_1560336937634605000 ==
{a1, a2, a3}
----

\* CONSTANT definitions @modelParameterConstants:1Value
const_1560336937634606000 ==
{v1, v2}
----

\* CONSTANT definitions @modelParameterConstants:2Quorum
const_1560336937634607000 ==
{{a1, a2}, {a1, a3}, {a2, a3}}
----

\* Constant expression definition @modelExpressionEval
\* New definitions @modelParameterNewDefinitions

\* Definition overrides @modelParameterDefinitions:0Ballot
def_ov_1560336937634608000 ==
0..2
----

\* PROPERTY definition @modelCorrectnessProperties:0
prop_1560336937634609000 ==
V!Spec
----
=============================================================================
