using System.Text;
using Tickr.GraphQL.Language.Ast;

namespace Tickr.GraphQL.Language;

/// <summary>
/// Writes nodes in graphql-js <c>print</c> layout. graphql-js prints bottom-up and indents a nested block by putting
/// two spaces after every line break inside it (block string lines included); writing top-down with an indent level
/// that follows every '\n' gives the same text without building a string per node.
/// </summary>
internal sealed class PrintWriter
{
    private readonly StringBuilder _sb = new();
    private int _indent;

    public override string ToString() => _sb.ToString();

    /// <summary>Appends text, indenting after each line break it contains.</summary>
    private void Write(string text)
    {
        if (_indent == 0 || !text.Contains('\n', StringComparison.Ordinal))
        {
            _sb.Append(text);
            return;
        }
        var start = 0;
        for (var i = 0; i < text.Length; i++)
        {
            if (text[i] == '\n')
            {
                _sb.Append(text, start, i - start);
                NewLine();
                start = i + 1;
            }
        }
        _sb.Append(text, start, text.Length - start);
    }

    private void Write(char c) => _sb.Append(c);

    private void NewLine()
    {
        _sb.Append('\n');
        _sb.Append(' ', _indent * 2);
    }

    public void WriteNode(SyntaxNode node)
    {
        switch (node)
        {
            case DocumentNode d:
                for (var i = 0; i < d.Definitions.Count; i++)
                {
                    if (i > 0)
                    {
                        NewLine();
                        NewLine();
                    }
                    WriteNode(d.Definitions[i]);
                }
                break;
            case NameNode n: Write(n.Value); break;
            case ValueNode v: WriteValue(v); break;
            case TypeNode t: WriteType(t); break;
            case OperationDefinitionNode op: WriteOperation(op); break;
            case VariableDefinitionNode vd: WriteVariableDefinition(vd); break;
            case SelectionSetNode ss: WriteSelectionSet(ss); break;
            case FieldNode f: WriteField(f); break;
            case FragmentSpreadNode fs:
                Write("...");
                Write(fs.Name.Value);
                WriteDirectives(fs.Directives, leadingSpace: true);
                break;
            case InlineFragmentNode inf: WriteInlineFragment(inf); break;
            case FragmentDefinitionNode fd: WriteFragmentDefinition(fd); break;
            case ArgumentNode a:
                Write(a.Name.Value);
                Write(": ");
                WriteValue(a.Value);
                break;
            case ObjectFieldNode of:
                Write(of.Name.Value);
                Write(": ");
                WriteValue(of.Value);
                break;
            case DirectiveNode dir: WriteDirective(dir); break;
            case SchemaDefinitionNode sd:
                WriteDescription(sd.Description);
                Write("schema");
                WriteDirectives(sd.Directives, leadingSpace: true);
                WriteSpacedBlock(sd.OperationTypes);
                break;
            case SchemaExtensionNode se:
                Write("extend schema");
                WriteDirectives(se.Directives, leadingSpace: true);
                WriteSpacedBlock(se.OperationTypes);
                break;
            case OperationTypeDefinitionNode otd:
                Write(OperationKeyword(otd.Operation));
                Write(": ");
                Write(otd.Type.Name.Value);
                break;
            case TypeDefinitionOrExtensionNode td: WriteTypeDefinition(td); break;
            case FieldDefinitionNode fdef: WriteFieldDefinition(fdef); break;
            case InputValueDefinitionNode ivd: WriteInputValueDefinition(ivd); break;
            case EnumValueDefinitionNode evd:
                WriteDescription(evd.Description);
                Write(evd.Name.Value);
                WriteDirectives(evd.Directives, leadingSpace: true);
                break;
            case DirectiveDefinitionNode dd: WriteDirectiveDefinition(dd); break;
            default:
                throw new ArgumentException($"Cannot print node of kind {node.Kind}.", nameof(node));
        }
    }

    internal static string OperationKeyword(OperationType operation) => operation switch
    {
        OperationType.Mutation => "mutation",
        OperationType.Subscription => "subscription",
        _ => "query",
    };

    // OperationDefinition: the shorthand `{ … }` is kept for anonymous queries without description, variables or
    // directives.
    private void WriteOperation(OperationDefinitionNode op)
    {
        var shorthand = op.Operation == OperationType.Query && op.Name is null && op.Description is null
            && op.VariableDefinitions.Count == 0 && op.Directives.Count == 0;
        if (!shorthand)
        {
            WriteDescription(op.Description);
            Write(OperationKeyword(op.Operation));
            if (op.Name is not null || op.VariableDefinitions.Count > 0)
            {
                Write(' ');
            }
            if (op.Name is not null)
            {
                Write(op.Name.Value);
            }
            WriteVariableDefinitions(op.VariableDefinitions);
            WriteDirectives(op.Directives, leadingSpace: true);
            Write(' ');
        }
        WriteSelectionSet(op.SelectionSet);
    }

    /// <summary>
    /// One line, unless a definition spans several lines (a description or a block string default): then graphql-js
    /// puts each definition on its own line, without indenting them.
    /// </summary>
    private void WriteVariableDefinitions(IReadOnlyList<VariableDefinitionNode> defs)
    {
        if (defs.Count == 0)
        {
            return;
        }
        var printed = new string[defs.Count];
        var multiline = false;
        for (var i = 0; i < printed.Length; i++)
        {
            printed[i] = PrintDetached(defs[i]);
            multiline |= printed[i].Contains('\n', StringComparison.Ordinal);
        }
        Write('(');
        for (var i = 0; i < printed.Length; i++)
        {
            if (multiline)
            {
                NewLine();
            }
            else if (i > 0)
            {
                Write(", ");
            }
            Write(printed[i]);
        }
        if (multiline)
        {
            NewLine();
        }
        Write(')');
    }

    private void WriteVariableDefinition(VariableDefinitionNode vd)
    {
        WriteDescription(vd.Description);
        Write('$');
        Write(vd.Variable.Name.Value);
        Write(": ");
        WriteType(vd.Type);
        if (vd.DefaultValue is not null)
        {
            Write(" = ");
            WriteValue(vd.DefaultValue);
        }
        WriteDirectives(vd.Directives, leadingSpace: true);
    }

    private void WriteFragmentDefinition(FragmentDefinitionNode fd)
    {
        WriteDescription(fd.Description);
        Write("fragment ");
        Write(fd.Name.Value);
        Write(" on ");
        Write(fd.TypeCondition.Name.Value);
        Write(' ');
        if (fd.Directives.Count > 0)
        {
            WriteDirectives(fd.Directives, leadingSpace: false);
            Write(' ');
        }
        WriteSelectionSet(fd.SelectionSet);
    }

    private void WriteSelectionSet(SelectionSetNode? ss)
    {
        if (ss is not null)
        {
            WriteBlock(ss.Selections);
        }
    }

    /// <summary>graphql-js <c>block</c>: nothing for an empty list, else <c>{</c>, one indented item per line, <c>}</c>.</summary>
    private void WriteBlock<T>(IReadOnlyList<T> items) where T : SyntaxNode
    {
        if (items.Count == 0)
        {
            return;
        }
        Write('{');
        _indent++;
        for (var i = 0; i < items.Count; i++)
        {
            NewLine();
            WriteNode(items[i]);
        }
        _indent--;
        NewLine();
        Write('}');
    }

    /// <summary>Writes " " + block, or nothing when the block is empty (graphql-js joins non-empty parts with spaces).</summary>
    private void WriteSpacedBlock<T>(IReadOnlyList<T> items) where T : SyntaxNode
    {
        if (items.Count > 0)
        {
            Write(' ');
            WriteBlock(items);
        }
    }

    private void WriteField(FieldNode f)
    {
        if (f.Alias is not null)
        {
            Write(f.Alias.Value);
            Write(": ");
        }
        Write(f.Name.Value);
        if (f.Arguments.Count > 0)
        {
            // The one-line form is measured as graphql-js does: unindented, embedded line breaks included.
            var args = new string[f.Arguments.Count];
            var length = (f.Alias is null ? 0 : f.Alias.Value.Length + 2) + f.Name.Value.Length + 2;
            for (var i = 0; i < args.Length; i++)
            {
                args[i] = PrintDetached(f.Arguments[i]);
                length += args[i].Length + (i > 0 ? 2 : 0);
            }
            if (length > PrinterLimits.MaxLineLength)
            {
                Write('(');
                _indent++;
                foreach (var a in args)
                {
                    NewLine();
                    Write(a);
                }
                _indent--;
                NewLine();
                Write(')');
            }
            else
            {
                Write('(');
                for (var i = 0; i < args.Length; i++)
                {
                    if (i > 0)
                    {
                        Write(", ");
                    }
                    Write(args[i]);
                }
                Write(')');
            }
        }
        WriteDirectives(f.Directives, leadingSpace: true);
        if (f.SelectionSet is not null)
        {
            WriteSpacedBlock(f.SelectionSet.Selections);
        }
    }

    private static string PrintDetached(SyntaxNode node)
    {
        var w = new PrintWriter();
        w.WriteNode(node);
        return w.ToString();
    }

    private void WriteInlineFragment(InlineFragmentNode inf)
    {
        Write("...");
        if (inf.TypeCondition is not null)
        {
            Write(" on ");
            Write(inf.TypeCondition.Name.Value);
        }
        WriteDirectives(inf.Directives, leadingSpace: true);
        WriteSpacedBlock(inf.SelectionSet.Selections);
    }

    private void WriteDirectives(IReadOnlyList<DirectiveNode> directives, bool leadingSpace)
    {
        for (var i = 0; i < directives.Count; i++)
        {
            if (i > 0 || leadingSpace)
            {
                Write(' ');
            }
            WriteDirective(directives[i]);
        }
    }

    private void WriteDirective(DirectiveNode d)
    {
        Write('@');
        Write(d.Name.Value);
        WriteArguments(d.Arguments);
    }

    private void WriteArguments(IReadOnlyList<ArgumentNode> args)
    {
        if (args.Count == 0)
        {
            return;
        }
        Write('(');
        for (var i = 0; i < args.Count; i++)
        {
            if (i > 0)
            {
                Write(", ");
            }
            Write(args[i].Name.Value);
            Write(": ");
            WriteValue(args[i].Value);
        }
        Write(')');
    }

    public void WriteValue(ValueNode value)
    {
        switch (value)
        {
            case VariableNode v:
                Write('$');
                Write(v.Name.Value);
                break;
            case IntValueNode i: Write(i.Value); break;
            case FloatValueNode f: Write(f.Value); break;
            case StringValueNode s:
                if (s.Block)
                {
                    Write(Printer.PrintBlockString(s.Value));
                }
                else
                {
                    Printer.AppendString(_sb, s.Value);
                }
                break;
            case BooleanValueNode b: Write(b.Value ? "true" : "false"); break;
            case NullValueNode: Write("null"); break;
            case EnumValueNode e: Write(e.Value); break;
            case ListValueNode l:
                Write('[');
                for (var i = 0; i < l.Values.Count; i++)
                {
                    if (i > 0)
                    {
                        Write(", ");
                    }
                    WriteValue(l.Values[i]);
                }
                Write(']');
                break;
            case ObjectValueNode o:
                Write('{');
                for (var i = 0; i < o.Fields.Count; i++)
                {
                    if (i > 0)
                    {
                        Write(", ");
                    }
                    Write(o.Fields[i].Name.Value);
                    Write(": ");
                    WriteValue(o.Fields[i].Value);
                }
                Write('}');
                break;
            default:
                throw new ArgumentException($"Cannot print value of kind {value.Kind}.", nameof(value));
        }
    }

    public void WriteType(TypeNode type)
    {
        switch (type)
        {
            case NamedTypeNode n: Write(n.Name.Value); break;
            case ListTypeNode l:
                Write('[');
                WriteType(l.Type);
                Write(']');
                break;
            case NonNullTypeNode nn:
                WriteType(nn.Type);
                Write('!');
                break;
            default:
                throw new ArgumentException($"Cannot print type of kind {type.Kind}.", nameof(type));
        }
    }

    private void WriteDescription(StringValueNode? description)
    {
        if (description is null)
        {
            return;
        }
        WriteValue(description);
        NewLine();
    }

    private void WriteTypeDefinition(TypeDefinitionOrExtensionNode td)
    {
        if (td.IsExtension)
        {
            Write("extend ");
        }
        else
        {
            WriteDescription(td.Description);
        }
        switch (td)
        {
            case ScalarTypeDefinitionNode s:
                Write("scalar ");
                Write(s.Name.Value);
                WriteDirectives(s.Directives, leadingSpace: true);
                break;
            case ObjectTypeDefinitionNode o:
                Write("type ");
                Write(o.Name.Value);
                WriteImplements(o.Interfaces);
                WriteDirectives(o.Directives, leadingSpace: true);
                WriteSpacedBlock(o.Fields);
                break;
            case InterfaceTypeDefinitionNode i:
                Write("interface ");
                Write(i.Name.Value);
                WriteImplements(i.Interfaces);
                WriteDirectives(i.Directives, leadingSpace: true);
                WriteSpacedBlock(i.Fields);
                break;
            case UnionTypeDefinitionNode u:
                Write("union ");
                Write(u.Name.Value);
                WriteDirectives(u.Directives, leadingSpace: true);
                if (u.Types.Count > 0)
                {
                    Write(" = ");
                    for (var k = 0; k < u.Types.Count; k++)
                    {
                        if (k > 0)
                        {
                            Write(" | ");
                        }
                        Write(u.Types[k].Name.Value);
                    }
                }
                break;
            case EnumTypeDefinitionNode e:
                Write("enum ");
                Write(e.Name.Value);
                WriteDirectives(e.Directives, leadingSpace: true);
                WriteSpacedBlock(e.Values);
                break;
            case InputObjectTypeDefinitionNode io:
                Write("input ");
                Write(io.Name.Value);
                WriteDirectives(io.Directives, leadingSpace: true);
                WriteSpacedBlock(io.Fields);
                break;
            default:
                throw new ArgumentException($"Cannot print node of kind {td.Kind}.", nameof(td));
        }
    }

    private void WriteImplements(IReadOnlyList<NamedTypeNode> interfaces)
    {
        if (interfaces.Count == 0)
        {
            return;
        }
        Write(" implements ");
        for (var i = 0; i < interfaces.Count; i++)
        {
            if (i > 0)
            {
                Write(" & ");
            }
            Write(interfaces[i].Name.Value);
        }
    }

    private void WriteFieldDefinition(FieldDefinitionNode fd)
    {
        WriteDescription(fd.Description);
        Write(fd.Name.Value);
        WriteArgumentDefinitions(fd.Arguments);
        Write(": ");
        WriteType(fd.Type);
        WriteDirectives(fd.Directives, leadingSpace: true);
    }

    /// <summary>One line unless an argument prints over several lines (e.g. it has a description).</summary>
    private void WriteArgumentDefinitions(IReadOnlyList<InputValueDefinitionNode> args)
    {
        if (args.Count == 0)
        {
            return;
        }
        var printed = new string[args.Count];
        var multiline = false;
        for (var i = 0; i < printed.Length; i++)
        {
            printed[i] = PrintDetached(args[i]);
            multiline |= printed[i].Contains('\n', StringComparison.Ordinal);
        }
        Write('(');
        if (multiline)
        {
            _indent++;
            foreach (var p in printed)
            {
                NewLine();
                Write(p);
            }
            _indent--;
            NewLine();
        }
        else
        {
            for (var i = 0; i < printed.Length; i++)
            {
                if (i > 0)
                {
                    Write(", ");
                }
                Write(printed[i]);
            }
        }
        Write(')');
    }

    private void WriteInputValueDefinition(InputValueDefinitionNode ivd)
    {
        WriteDescription(ivd.Description);
        Write(ivd.Name.Value);
        Write(": ");
        WriteType(ivd.Type);
        if (ivd.DefaultValue is not null)
        {
            Write(" = ");
            WriteValue(ivd.DefaultValue);
        }
        WriteDirectives(ivd.Directives, leadingSpace: true);
    }

    private void WriteDirectiveDefinition(DirectiveDefinitionNode dd)
    {
        WriteDescription(dd.Description);
        Write("directive @");
        Write(dd.Name.Value);
        WriteArgumentDefinitions(dd.Arguments);
        if (dd.Repeatable)
        {
            Write(" repeatable");
        }
        Write(" on ");
        for (var i = 0; i < dd.Locations.Count; i++)
        {
            if (i > 0)
            {
                Write(" | ");
            }
            Write(dd.Locations[i].Value);
        }
    }
}

/// <summary>Layout constants shared by the printer.</summary>
internal static class PrinterLimits
{
    /// <summary>graphql-js breaks a field's arguments onto separate lines when the one-line form is longer than this.</summary>
    public const int MaxLineLength = 80;
}
