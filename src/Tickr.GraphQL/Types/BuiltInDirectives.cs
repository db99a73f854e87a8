using Tickr.GraphQL.Language.Ast;

namespace Tickr.GraphQL.Types;

/// <summary>@skip, @include, @deprecated, @specifiedBy, @oneOf.</summary>
public static partial class BuiltInDirectives
{
    /// <summary>The reason <c>@deprecated</c> gives when none is written.</summary>
    public const string DefaultDeprecationReason = "No longer supported";

    /// <summary>directive @include(if: Boolean!) on FIELD | FRAGMENT_SPREAD | INLINE_FRAGMENT</summary>
    public static readonly DirectiveType Include = Create(
        "include",
        "Includes this field or fragment only when the `if` argument is true.",
        [DirectiveLocation.FIELD, DirectiveLocation.FRAGMENT_SPREAD, DirectiveLocation.INLINE_FRAGMENT],
        new InputValue("if", new NonNullType(BuiltInScalars.Boolean)) { Description = "Include when true." });

    /// <summary>directive @skip(if: Boolean!) on FIELD | FRAGMENT_SPREAD | INLINE_FRAGMENT</summary>
    public static readonly DirectiveType Skip = Create(
        "skip",
        "Leaves out this field or fragment when the `if` argument is true.",
        [DirectiveLocation.FIELD, DirectiveLocation.FRAGMENT_SPREAD, DirectiveLocation.INLINE_FRAGMENT],
        new InputValue("if", new NonNullType(BuiltInScalars.Boolean)) { Description = "Skip when true." });

    /// <summary>
    /// directive @deprecated(reason: String = "No longer supported")
    /// on FIELD_DEFINITION | ARGUMENT_DEFINITION | INPUT_FIELD_DEFINITION | ENUM_VALUE
    /// </summary>
    public static readonly DirectiveType Deprecated = Create(
        "deprecated",
        "Marks an element of the schema as no longer supported.",
        [DirectiveLocation.FIELD_DEFINITION, DirectiveLocation.ARGUMENT_DEFINITION, DirectiveLocation.INPUT_FIELD_DEFINITION, DirectiveLocation.ENUM_VALUE],
        new InputValue("reason", BuiltInScalars.String)
        {
            Description = "Why the element is deprecated, ideally with a pointer to what to use instead. Written in Markdown ([CommonMark](https://commonmark.org/)).",
            DefaultValue = new StringValueNode { Value = DefaultDeprecationReason },
        });

    /// <summary>directive @specifiedBy(url: String!) on SCALAR</summary>
    public static readonly DirectiveType SpecifiedBy = Create(
        "specifiedBy",
        "Gives the URL of a document that specifies the behaviour of this scalar.",
        [DirectiveLocation.SCALAR],
        new InputValue("url", new NonNullType(BuiltInScalars.String)) { Description = "URL of the specification of this scalar." });

    /// <summary>directive @oneOf on INPUT_OBJECT</summary>
    public static readonly DirectiveType OneOf = Create(
        "oneOf",
        "Requires exactly one field of this input object to be given, and its value must not be `null`.",
        [DirectiveLocation.INPUT_OBJECT]);

    private static readonly DirectiveType[] AllList = [Include, Skip, Deprecated, SpecifiedBy, OneOf];

    /// <summary>The directives every schema has, in graphql-js order (include, skip, deprecated, specifiedBy, oneOf).</summary>
    public static IReadOnlyList<DirectiveType> All => AllList;

    /// <summary>True for the names of the built-in directives, which SDL printing omits.</summary>
    public static bool IsSpecified(string name) => name is "include" or "skip" or "deprecated" or "specifiedBy" or "oneOf";

    private static DirectiveType Create(string name, string description, DirectiveLocation[] locations, params InputValue[] args)
    {
        var d = new DirectiveType(name) { Description = description };
        foreach (var l in locations) d.Locations.Add(l);
        foreach (var a in args) d.Arguments.Add(a);
        return d;
    }
}
