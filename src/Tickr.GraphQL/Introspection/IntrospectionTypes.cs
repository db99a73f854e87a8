using Tickr.GraphQL.Execution;
using Tickr.GraphQL.Language.Ast;
using Tickr.GraphQL.Types;
using Tickr.GraphQL.Types.Scalars;
using Tickr.GraphQL.Utilities;

namespace Tickr.GraphQL.Introspection;

/// <summary>
/// __Schema, __Type, __Field, __InputValue, __EnumValue, __Directive and their enums (spec §4.2), with resolvers over
/// the type model: parents are <see cref="Schema"/>, <see cref="IGraphQLType"/>, <see cref="OutputField"/>,
/// <see cref="InputValue"/>, <see cref="EnumValue"/> and <see cref="DirectiveType"/>. Resolvers are synchronous, and
/// lists are cached on the members they describe, so introspection allocates little beyond the response itself.
/// </summary>
public static partial class IntrospectionTypes
{
    public static readonly ObjectType Schema = new("__Schema")
    {
        Description = "A GraphQL service's schema: every type it supports, the root types of its operations, and its directives.",
    };

    public static readonly ObjectType Type = new("__Type")
    {
        Description = "A type of the schema. `kind` tells which of the fields below apply: scalars only have a name, a description and possibly a `specifiedByURL`; enums have their values; objects and interfaces their fields; interfaces and unions the object types they may be at runtime; input objects their input fields; lists and non-nulls wrap another type, given by `ofType`.",
    };

    public static readonly ObjectType Field = new("__Field")
    {
        Description = "A field of an object or interface type: its name, description, arguments and the type of its value.",
    };

    public static readonly ObjectType InputValue = new("__InputValue")
    {
        Description = "An argument, or a field of an input object: its name, description, type and default value.",
    };

    public static readonly ObjectType EnumValue = new("__EnumValue")
    {
        Description = "One possible value of an enum. Enum values are returned as strings in responses.",
    };

    public static readonly ObjectType Directive = new("__Directive")
    {
        Description = "A directive the service supports: where it may be applied and which arguments it takes. Directives change how a document is executed or validated, or annotate parts of the schema.",
    };

    public static readonly EnumType TypeKind = new("__TypeKind")
    {
        Description = "The kinds of types `__Type` describes.",
    };

    public static readonly EnumType DirectiveLocation = new("__DirectiveLocation")
    {
        Description = "The places in documents and schemas where a directive may be applied.",
    };

    private static readonly NamedType[] AllList = [Schema, Directive, DirectiveLocation, Type, Field, InputValue, EnumValue, TypeKind];

    /// <summary>The eight introspection types.</summary>
    public static IReadOnlyList<NamedType> All => AllList;

    /// <summary>True for names starting with <c>__</c>, which only introspection types may use.</summary>
    public static bool IsIntrospectionName(string name) => name.StartsWith("__", StringComparison.Ordinal);

    /// <summary>True for one of the eight introspection types (by name, as graphql-js checks).</summary>
    public static bool IsIntrospectionType(NamedType type)
    {
        foreach (var t in AllList)
        {
            if (t.Name == type.Name) return true;
        }
        return false;
    }

    private static readonly ValueTask<object?> Null = new((object?)null);
    private static readonly object[] BoxedKinds = BoxAll<Types.TypeKind>();
    private static readonly object[] BoxedLocations = BoxAll<Types.DirectiveLocation>();

    private static object[] BoxAll<TEnum>() where TEnum : struct, Enum
    {
        var values = Enum.GetValues<TEnum>();
        var boxes = new object[values.Length];
        for (var i = 0; i < values.Length; i++) boxes[Convert.ToInt32(values[i], System.Globalization.CultureInfo.InvariantCulture)] = values[i];
        return boxes;
    }

    static IntrospectionTypes()
    {
        var str = BuiltInScalars.String;
        var boolean = BuiltInScalars.Boolean;
        var nnString = new NonNullType(str);
        var nnBoolean = new NonNullType(boolean);
        var nnType = new NonNullType(Type);
        var listOfTypes = new ListType(nnType);

        // __TypeKind: runtime values are the pre-boxed Types.TypeKind members the __Type.kind resolver returns.
        AddEnum<Types.TypeKind>(TypeKind, BoxedKinds, k => k switch
        {
            Types.TypeKind.InputObject => "INPUT_OBJECT",
            Types.TypeKind.NonNull => "NON_NULL",
            _ => k.ToString().ToUpperInvariant(),
        }, TypeKindDescription);
        AddEnum<Types.DirectiveLocation>(DirectiveLocation, BoxedLocations, l => l.ToString(), LocationDescription);

        // __Schema
        Add(Schema, "description", str, null, static c => new(((Types.Schema)c.Parent!).Description));
        Add(Schema, "types", new NonNullType(listOfTypes), "Every type the schema contains.", static c => new(SchemaTypes((Types.Schema)c.Parent!)));
        Add(Schema, "queryType", nnType, "The type query operations start from.", static c => new(((Types.Schema)c.Parent!).QueryType));
        Add(Schema, "mutationType", Type, "The type mutation operations start from, if the schema supports mutations.", static c => new(((Types.Schema)c.Parent!).MutationType));
        Add(Schema, "subscriptionType", Type, "The type subscription operations start from, if the schema supports subscriptions.", static c => new(((Types.Schema)c.Parent!).SubscriptionType));
        Add(Schema, "directives", new NonNullType(new ListType(new NonNullType(Directive))), "Every directive the schema supports.", static c => new(((Types.Schema)c.Parent!).AllDirectives));

        // __Type
        Add(Type, "kind", new NonNullType(TypeKind), null, static c => new(BoxedKinds[(int)((IGraphQLType)c.Parent!).Kind]));
        Add(Type, "name", str, null, static c => new((c.Parent as NamedType)?.Name));
        Add(Type, "description", str, null, static c => new((c.Parent as NamedType)?.Description));
        Add(Type, "specifiedByURL", str, null, static c => new((c.Parent as ScalarType)?.SpecifiedByUrl));
        AddWithIncludeDeprecated(Type, "fields", new ListType(new NonNullType(Field)), static c => c.Parent is IComplexOutputType t
            ? new(ActiveMembers(t.Fields, ref ((NamedType)t).IntrospectionCache, IncludeDeprecated(c), static f => f.IsDeprecated))
            : Null);
        Add(Type, "interfaces", listOfTypes, null, static c => c.Parent is IComplexOutputType t ? new(t.Interfaces) : Null);
        Add(Type, "possibleTypes", listOfTypes, null, static c => c.Parent is NamedType n && n.IsAbstractType() ? new(c.Schema.GetPossibleTypes(n)) : Null);
        AddWithIncludeDeprecated(Type, "enumValues", new ListType(new NonNullType(EnumValue)), static c => c.Parent is EnumType e
            ? new(ActiveMembers(e.Values, ref e.IntrospectionCache, IncludeDeprecated(c), static v => v.IsDeprecated))
            : Null);
        AddWithIncludeDeprecated(Type, "inputFields", new ListType(new NonNullType(InputValue)), static c => c.Parent is InputObjectType io
            ? new(ActiveMembers(io.Fields, ref io.IntrospectionCache, IncludeDeprecated(c), static f => f.IsDeprecated))
            : Null);
        Add(Type, "ofType", Type, null, static c => c.Parent switch
        {
            ListType l => new(l.OfType),
            NonNullType nn => new(nn.OfType),
            _ => Null,
        });
        Add(Type, "isOneOf", boolean, null, static c => c.Parent is InputObjectType io ? new(ScalarHelpers.Box(io.IsOneOf)) : Null);

        // __Field
        Add(Field, "name", nnString, null, static c => new(((OutputField)c.Parent!).Name));
        Add(Field, "description", str, null, static c => new(((OutputField)c.Parent!).Description));
        AddWithIncludeDeprecated(Field, "args", new NonNullType(new ListType(new NonNullType(InputValue))), static c =>
        {
            var f = (OutputField)c.Parent!;
            return new(ActiveMembers(f.Arguments, ref f.IntrospectionCache, IncludeDeprecated(c), static a => a.IsDeprecated));
        });
        Add(Field, "type", nnType, null, static c => new(((OutputField)c.Parent!).Type));
        Add(Field, "isDeprecated", nnBoolean, null, static c => new(ScalarHelpers.Box(((OutputField)c.Parent!).IsDeprecated)));
        Add(Field, "deprecationReason", str, null, static c => new(((OutputField)c.Parent!).DeprecationReason));

        // __InputValue
        Add(InputValue, "name", nnString, null, static c => new(((Types.InputValue)c.Parent!).Name));
        Add(InputValue, "description", str, null, static c => new(((Types.InputValue)c.Parent!).Description));
        Add(InputValue, "type", nnType, null, static c => new(((Types.InputValue)c.Parent!).Type));
        Add(InputValue, "defaultValue", str, "The default value as a GraphQL literal, or null when there is none.", static c => new(DefaultValues.Print((Types.InputValue)c.Parent!)));
        Add(InputValue, "isDeprecated", nnBoolean, null, static c => new(ScalarHelpers.Box(((Types.InputValue)c.Parent!).IsDeprecated)));
        Add(InputValue, "deprecationReason", str, null, static c => new(((Types.InputValue)c.Parent!).DeprecationReason));

        // __EnumValue
        Add(EnumValue, "name", nnString, null, static c => new(((Types.EnumValue)c.Parent!).Name));
        Add(EnumValue, "description", str, null, static c => new(((Types.EnumValue)c.Parent!).Description));
        Add(EnumValue, "isDeprecated", nnBoolean, null, static c => new(ScalarHelpers.Box(((Types.EnumValue)c.Parent!).IsDeprecated)));
        Add(EnumValue, "deprecationReason", str, null, static c => new(((Types.EnumValue)c.Parent!).DeprecationReason));

        // __Directive
        Add(Directive, "name", nnString, null, static c => new(((DirectiveType)c.Parent!).Name));
        Add(Directive, "description", str, null, static c => new(((DirectiveType)c.Parent!).Description));
        Add(Directive, "isRepeatable", nnBoolean, null, static c => new(ScalarHelpers.Box(((DirectiveType)c.Parent!).IsRepeatable)));
        Add(Directive, "locations", new NonNullType(new ListType(new NonNullType(DirectiveLocation))), null, static c => new(Locations((DirectiveType)c.Parent!)));
        AddWithIncludeDeprecated(Directive, "args", new NonNullType(new ListType(new NonNullType(InputValue))), static c =>
        {
            var d = (DirectiveType)c.Parent!;
            return new(ActiveMembers(d.Arguments, ref d.IntrospectionCache, IncludeDeprecated(c), static a => a.IsDeprecated));
        });
    }

    private static void Add(ObjectType type, string name, IGraphQLType fieldType, string? description, FieldResolver resolver) =>
        type.Fields.Add(new OutputField(name, fieldType) { Description = description, Resolver = resolver, Cost = 0 });

    private static void AddWithIncludeDeprecated(ObjectType type, string name, IGraphQLType fieldType, FieldResolver resolver)
    {
        var field = new OutputField(name, fieldType) { Resolver = resolver, Cost = 0 };
        field.Arguments.Add(new Types.InputValue("includeDeprecated", BuiltInScalars.Boolean) { DefaultValue = BooleanValueNode.False });
        type.Fields.Add(field);
    }

    private static void AddEnum<TEnum>(EnumType type, object[] boxes, Func<TEnum, string> name, Func<TEnum, string> description)
        where TEnum : struct, Enum
    {
        foreach (var box in boxes)
        {
            var v = (TEnum)box;
            type.AddValue(new Types.EnumValue(name(v), box) { Description = description(v) });
        }
    }

    private static bool IncludeDeprecated(IResolverContext c) => c.ArgumentValue<bool>("includeDeprecated");

    /// <summary>Holds the non-deprecated members of a collection, and how many members the collection had then.</summary>
    private sealed class ActiveList(int sourceCount, object items)
    {
        public int SourceCount { get; } = sourceCount;
        public object Items { get; } = items;
    }

    /// <summary>
    /// The members to list: all of them, or the non-deprecated ones (computed once and cached in
    /// <paramref name="cache"/>; a collection only ever grows, so a changed count means the cache is stale).
    /// </summary>
    private static object ActiveMembers<T>(FieldCollection<T> all, ref object? cache, bool includeDeprecated, Func<T, bool> isDeprecated)
        where T : class, INamedMember
    {
        if (includeDeprecated) return all;
        if (cache is ActiveList a && a.SourceCount == all.Count) return a.Items;
        var count = 0;
        foreach (var m in all)
        {
            if (!isDeprecated(m)) count++;
        }
        object items;
        if (count == all.Count)
        {
            items = all;
        }
        else
        {
            var array = new T[count];
            var i = 0;
            foreach (var m in all)
            {
                if (!isDeprecated(m)) array[i++] = m;
            }
            items = array;
        }
        cache = new ActiveList(all.Count, items);
        return items;
    }

    private static object SchemaTypes(Types.Schema schema) => schema.AllTypes;

    private static object[] Locations(DirectiveType d)
    {
        var cached = d.IntrospectionLocations;
        if (cached is not null && cached.Length == d.Locations.Count) return cached;
        var boxes = new object[d.Locations.Count];
        for (var i = 0; i < boxes.Length; i++) boxes[i] = BoxedLocations[(int)d.Locations[i]];
        d.IntrospectionLocations = boxes;
        return boxes;
    }

    private static string TypeKindDescription(Types.TypeKind kind) => kind switch
    {
        Types.TypeKind.Scalar => "A scalar type; `specifiedByURL` may tell how it behaves.",
        Types.TypeKind.Object => "An object type; `fields` and `interfaces` apply.",
        Types.TypeKind.Interface => "An interface type; `fields`, `interfaces` and `possibleTypes` apply.",
        Types.TypeKind.Union => "A union type; `possibleTypes` applies.",
        Types.TypeKind.Enum => "An enum type; `enumValues` applies.",
        Types.TypeKind.InputObject => "An input object type; `inputFields` applies.",
        Types.TypeKind.List => "A list type; `ofType` is the type of its items.",
        _ => "A non-null type; `ofType` is the type it makes non-null.",
    };

    private static string LocationDescription(Types.DirectiveLocation location) => location switch
    {
        Types.DirectiveLocation.QUERY => "On a query operation.",
        Types.DirectiveLocation.MUTATION => "On a mutation operation.",
        Types.DirectiveLocation.SUBSCRIPTION => "On a subscription operation.",
        Types.DirectiveLocation.FIELD => "On a field of a selection set.",
        Types.DirectiveLocation.FRAGMENT_DEFINITION => "On a fragment definition.",
        Types.DirectiveLocation.FRAGMENT_SPREAD => "On a fragment spread.",
        Types.DirectiveLocation.INLINE_FRAGMENT => "On an inline fragment.",
        Types.DirectiveLocation.VARIABLE_DEFINITION => "On a variable definition.",
        Types.DirectiveLocation.SCHEMA => "On a schema definition.",
        Types.DirectiveLocation.SCALAR => "On a scalar type definition.",
        Types.DirectiveLocation.OBJECT => "On an object type definition.",
        Types.DirectiveLocation.FIELD_DEFINITION => "On a field definition.",
        Types.DirectiveLocation.ARGUMENT_DEFINITION => "On an argument definition.",
        Types.DirectiveLocation.INTERFACE => "On an interface type definition.",
        Types.DirectiveLocation.UNION => "On a union type definition.",
        Types.DirectiveLocation.ENUM => "On an enum type definition.",
        Types.DirectiveLocation.ENUM_VALUE => "On an enum value definition.",
        Types.DirectiveLocation.INPUT_OBJECT => "On an input object type definition.",
        _ => "On an input object field definition.",
    };
}
