using Tickr.GraphQL.Language.Ast;
using Tickr.GraphQL.Types.Scalars;

namespace Tickr.GraphQL.Types.Sdl;

/// <summary>
/// Builds an executable <see cref="Schema"/> from type-system SDL (spec §3), as graphql-js <c>buildASTSchema</c>
/// does: every definition and extension, descriptions, default values, <c>@deprecated</c>, <c>@specifiedBy</c>,
/// <c>@oneOf</c>, custom directive definitions, applied directives and the <c>schema { }</c> root mapping.
/// Invalid SDL throws a <see cref="SchemaException"/> listing every problem with its location.
/// </summary>
public static partial class SdlSchemaBuilder
{
    /// <summary>Builds the schema a parsed SDL document describes (executable definitions are ignored).</summary>
    public static Schema FromDocument(DocumentNode document, SdlBuildOptions? options = null) =>
        new Builder(options ?? new SdlBuildOptions()).Build(document);

    private sealed class Builder(SdlBuildOptions options)
    {
        private readonly List<GraphQLError> _errors = [];
        private readonly Dictionary<string, NamedType> _types = new(StringComparer.Ordinal);
        private readonly Dictionary<string, DirectiveType> _directives = new(StringComparer.Ordinal);
        private readonly Dictionary<NamedType, TypeDefinitionOrExtensionNode> _definitions = new(ReferenceEqualityComparer.Instance);

        public Schema Build(DocumentNode document)
        {
            SchemaDefinitionNode? schemaDef = null;
            var schemaExtensions = new List<SchemaExtensionNode>();
            var typeDefs = new List<TypeDefinitionOrExtensionNode>();
            var extensions = new List<TypeDefinitionOrExtensionNode>();
            var directiveDefs = new List<DirectiveDefinitionNode>();

            foreach (var definition in document.Definitions)
            {
                switch (definition)
                {
                    case SchemaDefinitionNode s:
                        if (schemaDef is not null)
                        {
                            Error("Must provide only one schema definition.", s);
                        }
                        else
                        {
                            schemaDef = s;
                        }
                        break;
                    case SchemaExtensionNode se:
                        schemaExtensions.Add(se);
                        break;
                    case TypeDefinitionOrExtensionNode t when t.IsExtension:
                        extensions.Add(t);
                        break;
                    case TypeDefinitionOrExtensionNode t:
                        typeDefs.Add(t);
                        break;
                    case DirectiveDefinitionNode d:
                        directiveDefs.Add(d);
                        break;
                }
            }

            // 1. Create every named type, so definitions may refer to each other in any order.
            var ordered = new List<NamedType>();
            var toPopulate = new List<(NamedType Type, TypeDefinitionOrExtensionNode Node)>();
            foreach (var def in typeDefs)
            {
                var name = def.Name.Value;
                if (_types.TryGetValue(name, out var existing))
                {
                    Error($"There can be only one type named \"{name}\".", _definitions.GetValueOrDefault(existing)?.Name, def.Name);
                    continue;
                }
                if (BuiltInScalars.IsSpecified(name))
                {
                    // graphql-js keeps its own standard scalars when SDL redeclares them.
                    if (def is ScalarTypeDefinitionNode)
                    {
                        _types[name] = BuiltInScalars.Find(name)!;
                        continue;
                    }
                    Error($"There can be only one type named \"{name}\".", def.Name);
                    continue;
                }
                var type = CreateType(def);
                type.Description = def.Description?.Value;
                type.SyntaxNode = def;
                _types[name] = type;
                _definitions[type] = def;
                ordered.Add(type);
                toPopulate.Add((type, def));
            }

            foreach (var def in directiveDefs)
            {
                var name = def.Name.Value;
                if (_directives.ContainsKey(name))
                {
                    Error($"There can be only one directive named \"@{name}\".", def.Name);
                    continue;
                }
                _directives[name] = new DirectiveType(name)
                {
                    Description = def.Description?.Value,
                    IsRepeatable = def.Repeatable,
                    SyntaxNode = def,
                };
            }

            // 2. Fill in fields, members and values (definitions first, then extensions in document order).
            foreach (var (type, def) in toPopulate)
            {
                Populate(type, def);
            }
            foreach (var ext in extensions)
            {
                ApplyExtension(ext);
            }
            foreach (var def in directiveDefs)
            {
                if (_directives.TryGetValue(def.Name.Value, out var d) && ReferenceEquals(d.SyntaxNode, def))
                {
                    PopulateDirective(d, def);
                }
            }

            // 3. Root types: schema { } (and its extensions) or the conventional names.
            var roots = new Dictionary<OperationType, NamedTypeNode>();
            var schemaDirectives = new List<DirectiveNode>();
            if (schemaDef is not null)
            {
                AddRoots(schemaDef.OperationTypes, roots);
                schemaDirectives.AddRange(schemaDef.Directives);
            }
            foreach (var se in schemaExtensions)
            {
                AddRoots(se.OperationTypes, roots);
                schemaDirectives.AddRange(se.Directives);
            }
            foreach (var dir in schemaDirectives)
            {
                CheckDirective(dir, DirectiveLocation.SCHEMA);
            }
            ObjectType? query = null, mutation = null, subscription = null;
            if (schemaDef is null && schemaExtensions.All(se => se.OperationTypes.Count == 0))
            {
                query = _types.GetValueOrDefault("Query") as ObjectType;
                mutation = _types.GetValueOrDefault("Mutation") as ObjectType;
                subscription = _types.GetValueOrDefault("Subscription") as ObjectType;
            }
            else
            {
                query = RootType(roots, OperationType.Query);
                mutation = RootType(roots, OperationType.Mutation);
                subscription = RootType(roots, OperationType.Subscription);
            }

            AttachBehaviour();

            if (_errors.Count > 0)
            {
                throw new SchemaException(_errors);
            }
            if (query is null)
            {
                throw new SchemaException([new GraphQLError("Query root type must be provided.", GraphQLError.At(schemaDef))]);
            }

            var customDirectives = new List<DirectiveType>();
            foreach (var def in directiveDefs)
            {
                if (_directives.TryGetValue(def.Name.Value, out var d) && ReferenceEquals(d.SyntaxNode, def))
                {
                    customDirectives.Add(d);
                }
            }
            var schema = new Schema(query, mutation, subscription, ordered, customDirectives, schemaDef?.Description?.Value);
            foreach (var dir in schemaDirectives)
            {
                schema.AppliedDirectives.Add(dir);
            }
            return schema;
        }

        private void AddRoots(IReadOnlyList<OperationTypeDefinitionNode> operationTypes, Dictionary<OperationType, NamedTypeNode> roots)
        {
            foreach (var op in operationTypes)
            {
                if (!roots.TryAdd(op.Operation, op.Type))
                {
                    Error($"There can be only one {op.Operation.ToString().ToLowerInvariant()} type in schema.", op);
                }
            }
        }

        private ObjectType? RootType(Dictionary<OperationType, NamedTypeNode> roots, OperationType operation)
        {
            if (!roots.TryGetValue(operation, out var node)) return null;
            var type = _types.GetValueOrDefault(node.Name.Value);
            if (type is null)
            {
                Error($"Unknown type \"{node.Name.Value}\".", node);
                return null;
            }
            if (type is not ObjectType o)
            {
                var opName = operation.ToString();
                Error($"{opName} root type must be Object type{(operation == OperationType.Query ? "" : " if provided")}, it cannot be {type.Name}.", node);
                return null;
            }
            return o;
        }

        private NamedType CreateType(TypeDefinitionOrExtensionNode def)
        {
            var name = def.Name.Value;
            switch (def)
            {
                case ScalarTypeDefinitionNode:
                    if (options.Scalars.TryGetValue(name, out var given)) return given;
                    return name switch
                    {
                        "DateTime" => new DateTimeScalar { SpecifiedByUrl = null },
                        "Date" => new DateScalar(),
                        "Long" => new LongScalar(),
                        "Decimal" => new DecimalScalar(),
                        "UUID" => new UuidScalar(),
                        "URL" => new UrlScalar(),
                        _ => new PassThroughScalar(name),
                    };
                case ObjectTypeDefinitionNode:
                    return new ObjectType(name);
                case InterfaceTypeDefinitionNode:
                    return new InterfaceType(name);
                case UnionTypeDefinitionNode:
                    return new UnionType(name);
                case EnumTypeDefinitionNode:
                    return new EnumType(name);
                default:
                    return new InputObjectType(name);
            }
        }

        private void Populate(NamedType type, TypeDefinitionOrExtensionNode node)
        {
            switch (type, node)
            {
                case (ScalarType s, ScalarTypeDefinitionNode sn):
                    if (!sn.Extension && !options.Scalars.ContainsKey(s.Name))
                    {
                        // The SDL is the source of truth for the metadata of the scalars it declares.
                        s.Description = sn.Description?.Value;
                        s.SpecifiedByUrl = SpecifiedBy(sn.Directives);
                    }
                    else if (sn.Extension && SpecifiedBy(sn.Directives) is { } url)
                    {
                        s.SpecifiedByUrl = url;
                    }
                    AddDirectives(type.AppliedDirectives, sn.Directives, DirectiveLocation.SCALAR);
                    break;
                case (ObjectType o, ObjectTypeDefinitionNode on):
                    AddInterfaces(o.Interfaces, on.Interfaces, o.Name);
                    AddFields(o.Fields, on.Fields, o.Name);
                    AddDirectives(type.AppliedDirectives, on.Directives, DirectiveLocation.OBJECT);
                    break;
                case (InterfaceType i, InterfaceTypeDefinitionNode inode):
                    AddInterfaces(i.Interfaces, inode.Interfaces, i.Name);
                    AddFields(i.Fields, inode.Fields, i.Name);
                    AddDirectives(type.AppliedDirectives, inode.Directives, DirectiveLocation.INTERFACE);
                    break;
                case (UnionType u, UnionTypeDefinitionNode un):
                    foreach (var m in un.Types)
                    {
                        var member = ResolveNamed(m);
                        if (member is null) continue;
                        if (member is ObjectType mo)
                        {
                            if (u.Types.Contains(mo))
                            {
                                Error($"Union type {u.Name} can only include type {mo.Name} once.", m);
                            }
                            else
                            {
                                u.Types.Add(mo);
                            }
                        }
                        else
                        {
                            Error($"Union type {u.Name} can only include Object types, it cannot include {member.Name}.", m);
                        }
                    }
                    AddDirectives(type.AppliedDirectives, un.Directives, DirectiveLocation.UNION);
                    break;
                case (EnumType e, EnumTypeDefinitionNode en):
                    foreach (var v in en.Values)
                    {
                        if (e.Values.Contains(v.Name.Value))
                        {
                            Error($"Enum value \"{e.Name}.{v.Name.Value}\" can only be defined once.", v.Name);
                            continue;
                        }
                        var value = new EnumValue(v.Name.Value)
                        {
                            Description = v.Description?.Value,
                            DeprecationReason = DeprecationReason(v.Directives),
                            SyntaxNode = v,
                        };
                        AddDirectives(value.AppliedDirectives, v.Directives, DirectiveLocation.ENUM_VALUE);
                        e.AddValue(value);
                    }
                    AddDirectives(type.AppliedDirectives, en.Directives, DirectiveLocation.ENUM);
                    break;
                case (InputObjectType io, InputObjectTypeDefinitionNode ion):
                    AddInputValues(io.Fields, ion.Fields, io.Name, DirectiveLocation.INPUT_FIELD_DEFINITION);
                    if (HasDirective(ion.Directives, "oneOf")) io.IsOneOf = true;
                    AddDirectives(type.AppliedDirectives, ion.Directives, DirectiveLocation.INPUT_OBJECT);
                    break;
                default:
                    Error($"Cannot extend non-{KindName(node)} type \"{type.Name}\".", node.Name);
                    break;
            }
        }

        private void ApplyExtension(TypeDefinitionOrExtensionNode ext)
        {
            var name = ext.Name.Value;
            if (!_types.TryGetValue(name, out var type))
            {
                Error($"Cannot extend type \"{name}\" because it is not defined.", ext.Name);
                return;
            }
            if (!_definitions.ContainsKey(type))
            {
                // A built-in scalar: extending it could only add directives, which must stay off the shared instance.
                return;
            }
            Populate(type, ext);
        }

        private static string KindName(TypeDefinitionOrExtensionNode node) => node switch
        {
            ScalarTypeDefinitionNode => "scalar",
            ObjectTypeDefinitionNode => "object",
            InterfaceTypeDefinitionNode => "interface",
            UnionTypeDefinitionNode => "union",
            EnumTypeDefinitionNode => "enum",
            _ => "input object",
        };

        private void PopulateDirective(DirectiveType d, DirectiveDefinitionNode def)
        {
            AddInputValues(d.Arguments, def.Arguments, "@" + d.Name, DirectiveLocation.ARGUMENT_DEFINITION);
            foreach (var loc in def.Locations)
            {
                if (Enum.TryParse<DirectiveLocation>(loc.Value, ignoreCase: false, out var l) && loc.Value == l.ToString())
                {
                    if (!d.Locations.Contains(l)) d.Locations.Add(l);
                }
                else
                {
                    Error($"Unexpected directive location \"{loc.Value}\".", loc);
                }
            }
        }

        private void AddInterfaces(IList<InterfaceType> target, IReadOnlyList<NamedTypeNode> nodes, string typeName)
        {
            foreach (var node in nodes)
            {
                var t = ResolveNamed(node);
                if (t is null) continue;
                if (t is InterfaceType i)
                {
                    if (target.Contains(i))
                    {
                        Error($"Type {typeName} can only implement {i.Name} once.", node);
                    }
                    else
                    {
                        target.Add(i);
                    }
                }
                else
                {
                    Error($"Type {typeName} must only implement Interface types, it cannot implement {t.Name}.", node);
                }
            }
        }

        private void AddFields(FieldCollection<OutputField> target, IReadOnlyList<FieldDefinitionNode> nodes, string typeName)
        {
            foreach (var node in nodes)
            {
                var name = node.Name.Value;
                if (target.Contains(name))
                {
                    Error($"Field \"{typeName}.{name}\" can only be defined once.", node.Name);
                    continue;
                }
                var type = ResolveType(node.Type);
                if (type is null) continue;
                var field = new OutputField(name, type)
                {
                    Description = node.Description?.Value,
                    DeprecationReason = DeprecationReason(node.Directives),
                    SyntaxNode = node,
                };
                AddInputValues(field.Arguments, node.Arguments, $"{typeName}.{name}", DirectiveLocation.ARGUMENT_DEFINITION);
                AddDirectives(field.AppliedDirectives, node.Directives, DirectiveLocation.FIELD_DEFINITION);
                target.Add(field);
            }
        }

        private void AddInputValues(FieldCollection<InputValue> target, IReadOnlyList<InputValueDefinitionNode> nodes, string parentName, DirectiveLocation location)
        {
            foreach (var node in nodes)
            {
                var name = node.Name.Value;
                if (target.Contains(name))
                {
                    Error(location == DirectiveLocation.ARGUMENT_DEFINITION
                        ? $"Argument \"{parentName}({name}:)\" can only be defined once."
                        : $"Field \"{parentName}.{name}\" can only be defined once.", node.Name);
                    continue;
                }
                var type = ResolveType(node.Type);
                if (type is null) continue;
                var value = new InputValue(name, type)
                {
                    Description = node.Description?.Value,
                    DefaultValue = node.DefaultValue,
                    DeprecationReason = DeprecationReason(node.Directives),
                    SyntaxNode = node,
                };
                AddDirectives(value.AppliedDirectives, node.Directives, location);
                target.Add(value);
            }
        }

        private void AddDirectives(IList<DirectiveNode> target, IReadOnlyList<DirectiveNode> nodes, DirectiveLocation location)
        {
            foreach (var node in nodes)
            {
                if (CheckDirective(node, location))
                {
                    // A non-repeatable directive applied twice at one location is an error.
                    var d = FindDirective(node.Name.Value)!;
                    if (!d.IsRepeatable)
                    {
                        foreach (var prior in target)
                        {
                            if (prior.Name.Value == node.Name.Value)
                            {
                                Error($"The directive \"@{node.Name.Value}\" can only be used once at this location.", prior, node);
                                break;
                            }
                        }
                    }
                }
                target.Add(node);
            }
        }

        private DirectiveType? FindDirective(string name)
        {
            if (_directives.TryGetValue(name, out var d)) return d;
            foreach (var b in BuiltInDirectives.All)
            {
                if (b.Name == name) return b;
            }
            return null;
        }

        private bool CheckDirective(DirectiveNode node, DirectiveLocation location)
        {
            var d = FindDirective(node.Name.Value);
            if (d is null)
            {
                Error($"Unknown directive \"@{node.Name.Value}\".", node);
                return false;
            }
            // Locations of SDL-defined directives are only known once populated; check them lazily via the node.
            var locations = d.SyntaxNode is DirectiveDefinitionNode def ? LocationsOf(def) : d.Locations;
            if (!locations.Contains(location))
            {
                Error($"Directive \"@{node.Name.Value}\" may not be used on {location}.", node);
                return false;
            }
            return true;
        }

        private static List<DirectiveLocation> LocationsOf(DirectiveDefinitionNode def)
        {
            var list = new List<DirectiveLocation>(def.Locations.Count);
            foreach (var loc in def.Locations)
            {
                if (Enum.TryParse<DirectiveLocation>(loc.Value, ignoreCase: false, out var l)) list.Add(l);
            }
            return list;
        }

        private static bool HasDirective(IReadOnlyList<DirectiveNode> nodes, string name)
        {
            foreach (var n in nodes)
            {
                if (n.Name.Value == name) return true;
            }
            return false;
        }

        private static string? DeprecationReason(IReadOnlyList<DirectiveNode> nodes)
        {
            foreach (var n in nodes)
            {
                if (n.Name.Value != "deprecated") continue;
                foreach (var a in n.Arguments)
                {
                    if (a.Name.Value == "reason")
                    {
                        return a.Value is StringValueNode s ? s.Value : null;
                    }
                }
                return BuiltInDirectives.DefaultDeprecationReason;
            }
            return null;
        }

        private static string? SpecifiedBy(IReadOnlyList<DirectiveNode> nodes)
        {
            foreach (var n in nodes)
            {
                if (n.Name.Value != "specifiedBy") continue;
                foreach (var a in n.Arguments)
                {
                    if (a.Name.Value == "url" && a.Value is StringValueNode s) return s.Value;
                }
            }
            return null;
        }

        private NamedType? ResolveNamed(NamedTypeNode node)
        {
            var name = node.Name.Value;
            if (_types.TryGetValue(name, out var t)) return t;
            var builtIn = BuiltInScalars.Find(name);
            if (builtIn is not null)
            {
                // Extended scalars may be used without being declared.
                _types[name] = builtIn;
                return builtIn;
            }
            Error($"Unknown type \"{name}\".", node);
            return null;
        }

        private IGraphQLType? ResolveType(TypeNode node) => node switch
        {
            NamedTypeNode n => ResolveNamed(n),
            ListTypeNode l => ResolveType(l.Type) is { } inner ? new ListType(inner) : null,
            NonNullTypeNode nn => ResolveType(nn.Type) is { } inner2 && inner2 is not NonNullType ? new NonNullType(inner2) : null,
            _ => null,
        };

        private void AttachBehaviour()
        {
            foreach (var (coordinate, resolver) in options.Resolvers)
            {
                var field = FindField(coordinate);
                if (field is not null) field.Resolver = resolver;
            }
            foreach (var (coordinate, subscriber) in options.Subscribers)
            {
                var field = FindField(coordinate);
                if (field is not null) field.Subscriber = subscriber;
            }
            foreach (var type in _types.Values)
            {
                if (type is IAbstractType a && _definitions.ContainsKey(type))
                {
                    a.ResolveType = options.TypeResolvers.TryGetValue(type.Name, out var r) ? r : ResolveByTypename;
                }
            }
            foreach (var name in options.TypeResolvers.Keys)
            {
                if (_types.GetValueOrDefault(name) is not IAbstractType)
                {
                    Error($"A type resolver is given for \"{name}\", which is not an interface or union type of the schema.");
                }
            }
        }

        private OutputField? FindField(string coordinate)
        {
            var dot = coordinate.IndexOf('.', StringComparison.Ordinal);
            var field = dot > 0 && _types.GetValueOrDefault(coordinate[..dot]) is IComplexOutputType t ? t.Fields[coordinate[(dot + 1)..]] : null;
            if (field is null)
            {
                Error($"A resolver is given for \"{coordinate}\", which is not a field of the schema.");
            }
            return field;
        }

        /// <summary>Dictionary values (e.g. from JSON) name their object type in a <c>__typename</c> entry.</summary>
        private static ObjectType? ResolveByTypename(object value, Schema schema)
        {
            var name = value switch
            {
                IReadOnlyDictionary<string, object?> d => d.GetValueOrDefault("__typename") as string,
                IDictionary<string, object?> d => d.TryGetValue("__typename", out var v) ? v as string : null,
                _ => null,
            };
            return name is null ? null : schema.GetType(name) as ObjectType;
        }

        private void Error(string message, params SyntaxNode?[] nodes) => _errors.Add(new GraphQLError(message, GraphQLError.At(nodes)));
    }
}
