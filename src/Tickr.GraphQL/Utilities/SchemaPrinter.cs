using System.Text;
using Tickr.GraphQL.Introspection;
using Tickr.GraphQL.Language.Ast;
using Tickr.GraphQL.Types;

namespace Tickr.GraphQL.Utilities;

/// <summary>Options of <see cref="SchemaPrinter.Print"/>.</summary>
public sealed class SchemaPrinterOptions
{
    /// <summary>
    /// Also print directives applied to the schema, types, fields, arguments, enum values and input fields (other than
    /// @deprecated, @specifiedBy and @oneOf, which are always printed). Off by default, as in graphql-js.
    /// </summary>
    public bool IncludeAppliedDirectives { get; set; }
}

/// <summary>
/// Prints a schema as SDL exactly as graphql-js <c>printSchema</c> does: the schema definition when the root types
/// are not named Query/Mutation/Subscription (or there is a description), then the custom directives, then every type
/// in type-map order, leaving out the five specified scalars, the specified directives and introspection types.
/// </summary>
public static class SchemaPrinter
{
    public static string Print(Schema schema, SchemaPrinterOptions? options = null)
    {
        var applied = options?.IncludeAppliedDirectives ?? false;
        var parts = new List<string>();
        var schemaDefinition = PrintSchemaDefinition(schema, applied);
        if (schemaDefinition is not null) parts.Add(schemaDefinition);
        foreach (var d in schema.AllDirectives)
        {
            if (!BuiltInDirectives.IsSpecified(d.Name)) parts.Add(PrintDirective(d, applied));
        }
        foreach (var t in schema.AllTypes)
        {
            if (t is ScalarType && BuiltInScalars.IsSpecified(t.Name)) continue;
            if (IntrospectionTypes.IsIntrospectionType(t)) continue;
            parts.Add(PrintType(t, applied));
        }
        return string.Join("\n\n", parts);
    }

    /// <summary>Prints one named type as SDL.</summary>
    public static string PrintType(NamedType type, SchemaPrinterOptions? options = null) => PrintType(type, options?.IncludeAppliedDirectives ?? false);

    private static string PrintType(NamedType type, bool applied) => type switch
    {
        ScalarType s => Desc(s.Description) + "scalar " + s.Name + SpecifiedBy(s.SpecifiedByUrl) + Applied(s.AppliedDirectives, applied),
        ObjectType o => Desc(o.Description) + "type " + o.Name + Implements(o.Interfaces) + Applied(o.AppliedDirectives, applied) + Fields(o.Fields, applied),
        InterfaceType i => Desc(i.Description) + "interface " + i.Name + Implements(i.Interfaces) + Applied(i.AppliedDirectives, applied) + Fields(i.Fields, applied),
        UnionType u => Desc(u.Description) + "union " + u.Name + Applied(u.AppliedDirectives, applied) + (u.Types.Count > 0 ? " = " + string.Join(" | ", u.Types.Select(m => m.Name)) : ""),
        EnumType e => Desc(e.Description) + "enum " + e.Name + Applied(e.AppliedDirectives, applied) + Block(e.Values.Select((v, i) =>
            LiteralPrinter.PrintDescription(v.Description, "  ", i == 0) + "  " + v.Name + Deprecated(v.DeprecationReason) + Applied(v.AppliedDirectives, applied))),
        InputObjectType io => Desc(io.Description) + "input " + io.Name + (io.IsOneOf ? " @oneOf" : "") + Applied(io.AppliedDirectives, applied) + Block(io.Fields.Select((f, i) =>
            LiteralPrinter.PrintDescription(f.Description, "  ", i == 0) + "  " + InputValue(f, applied))),
        _ => throw new ArgumentException($"Unknown type {type}.", nameof(type)),
    };

    private static string? PrintSchemaDefinition(Schema schema, bool applied)
    {
        var directives = Applied(schema.AppliedDirectives, applied);
        var common = (schema.QueryType.Name == "Query")
            && (schema.MutationType is null || schema.MutationType.Name == "Mutation")
            && (schema.SubscriptionType is null || schema.SubscriptionType.Name == "Subscription");
        if (schema.Description is null && common && directives.Length == 0) return null;
        var sb = new StringBuilder(Desc(schema.Description)).Append("schema").Append(directives).Append(" {\n");
        sb.Append("  query: ").Append(schema.QueryType.Name);
        if (schema.MutationType is not null) sb.Append("\n  mutation: ").Append(schema.MutationType.Name);
        if (schema.SubscriptionType is not null) sb.Append("\n  subscription: ").Append(schema.SubscriptionType.Name);
        return sb.Append("\n}").ToString();
    }

    private static string PrintDirective(DirectiveType d, bool applied) =>
        Desc(d.Description) + "directive @" + d.Name + Args(d.Arguments, "", applied) + (d.IsRepeatable ? " repeatable" : "") +
        " on " + string.Join(" | ", d.Locations);

    private static string Desc(string? description) => LiteralPrinter.PrintDescription(description);

    private static string Implements(IList<InterfaceType> interfaces) =>
        interfaces.Count > 0 ? " implements " + string.Join(" & ", interfaces.Select(i => i.Name)) : "";

    private static string Fields(FieldCollection<OutputField> fields, bool applied) => Block(fields.Select((f, i) =>
        LiteralPrinter.PrintDescription(f.Description, "  ", i == 0) + "  " + f.Name + Args(f.Arguments, "  ", applied) + ": " +
        f.Type.Print() + Deprecated(f.DeprecationReason) + Applied(f.AppliedDirectives, applied)));

    private static string Block(IEnumerable<string> items)
    {
        var list = items.ToList();
        return list.Count > 0 ? " {\n" + string.Join("\n", list) + "\n}" : "";
    }

    /// <summary>Arguments on one line when none has a description, else one per line with their descriptions.</summary>
    private static string Args(FieldCollection<InputValue> args, string indentation, bool applied)
    {
        if (args.Count == 0) return "";
        if (args.All(a => string.IsNullOrEmpty(a.Description)))
        {
            return "(" + string.Join(", ", args.Select(a => InputValue(a, applied))) + ")";
        }
        return "(\n" + string.Join("\n", args.Select((a, i) =>
            LiteralPrinter.PrintDescription(a.Description, "  " + indentation, i == 0) + "  " + indentation + InputValue(a, applied))) +
            "\n" + indentation + ")";
    }

    private static string InputValue(InputValue value, bool applied)
    {
        var text = value.Name + ": " + value.Type.Print();
        var defaultValue = DefaultValues.Print(value);
        if (defaultValue is not null) text += " = " + defaultValue;
        return text + Deprecated(value.DeprecationReason) + Applied(value.AppliedDirectives, applied);
    }

    private static string Deprecated(string? reason) => reason switch
    {
        null => "",
        BuiltInDirectives.DefaultDeprecationReason => " @deprecated",
        _ => " @deprecated(reason: " + LiteralPrinter.PrintString(reason) + ")",
    };

    private static string SpecifiedBy(string? url) =>
        url is null ? "" : " @specifiedBy(url: " + LiteralPrinter.PrintString(url) + ")";

    /// <summary>Applied custom directives (the built-in ones are printed from the model, not from the nodes).</summary>
    private static string Applied(IList<DirectiveNode> directives, bool include)
    {
        if (!include || directives.Count == 0) return "";
        var sb = new StringBuilder();
        foreach (var d in directives)
        {
            if (d.Name.Value is "deprecated" or "specifiedBy" or "oneOf") continue;
            sb.Append(' ').Append(LiteralPrinter.Print(d));
        }
        return sb.ToString();
    }
}
