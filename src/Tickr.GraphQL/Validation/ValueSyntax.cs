using System.Globalization;
using System.Text;
using Tickr.GraphQL.Language.Ast;

namespace Tickr.GraphQL.Validation;

/// <summary>Printing and structural comparison of value literals, for messages and field merging.</summary>
internal static class ValueSyntax
{
    /// <summary>The value in GraphQL syntax, as error messages quote it (e.g. <c>{a: [1, "x"]}</c>).</summary>
    public static string Print(ValueNode value)
    {
        var sb = new StringBuilder();
        Print(sb, value, 0);
        return sb.ToString();
    }

    private static void Print(StringBuilder sb, ValueNode value, int depth)
    {
        if (depth > 64)
        {
            sb.Append("...");
            return;
        }
        switch (value)
        {
            case VariableNode v: sb.Append('$').Append(v.Name.Value); break;
            case IntValueNode i: sb.Append(i.Value); break;
            case FloatValueNode f: sb.Append(f.Value); break;
            case StringValueNode s: AppendQuoted(sb, s.Value); break;
            case BooleanValueNode b: sb.Append(b.Value ? "true" : "false"); break;
            case NullValueNode: sb.Append("null"); break;
            case EnumValueNode e: sb.Append(e.Value); break;
            case ListValueNode l:
                sb.Append('[');
                for (var k = 0; k < l.Values.Count; k++)
                {
                    if (k > 0) sb.Append(", ");
                    Print(sb, l.Values[k], depth + 1);
                }
                sb.Append(']');
                break;
            case ObjectValueNode o:
                sb.Append('{');
                for (var k = 0; k < o.Fields.Count; k++)
                {
                    if (k > 0) sb.Append(", ");
                    sb.Append(o.Fields[k].Name.Value).Append(": ");
                    Print(sb, o.Fields[k].Value, depth + 1);
                }
                sb.Append('}');
                break;
        }
    }

    private static void AppendQuoted(StringBuilder sb, string s)
    {
        sb.Append('"');
        foreach (var c in s)
        {
            switch (c)
            {
                case '"': sb.Append("\\\""); break;
                case '\\': sb.Append("\\\\"); break;
                case '\n': sb.Append("\\n"); break;
                case '\r': sb.Append("\\r"); break;
                case '\t': sb.Append("\\t"); break;
                case '\b': sb.Append("\\b"); break;
                case '\f': sb.Append("\\f"); break;
                default:
                    if (c < 0x20)
                    {
                        sb.Append("\\u").Append(((int)c).ToString("X4", CultureInfo.InvariantCulture));
                    }
                    else
                    {
                        sb.Append(c);
                    }
                    break;
            }
        }
        sb.Append('"');
    }

    /// <summary>
    /// Structural equality of two literals; object fields compare regardless of order (graphql-js compares the
    /// printed, field-sorted values). Variables are equal when they have the same name.
    /// </summary>
    public static bool AreEqual(ValueNode a, ValueNode b)
    {
        if (ReferenceEquals(a, b))
        {
            return true;
        }
        switch (a)
        {
            case VariableNode va: return b is VariableNode vb && va.Name.Value == vb.Name.Value;
            case IntValueNode ia: return b is IntValueNode ib && ia.Value == ib.Value;
            case FloatValueNode fa: return b is FloatValueNode fb && fa.Value == fb.Value;
            case StringValueNode sa: return b is StringValueNode sb && sa.Value == sb.Value;
            case BooleanValueNode ba: return b is BooleanValueNode bb && ba.Value == bb.Value;
            case NullValueNode: return b is NullValueNode;
            case EnumValueNode ea: return b is EnumValueNode eb && ea.Value == eb.Value;
            case ListValueNode la:
                if (b is not ListValueNode lb || la.Values.Count != lb.Values.Count) return false;
                for (var i = 0; i < la.Values.Count; i++)
                {
                    if (!AreEqual(la.Values[i], lb.Values[i])) return false;
                }
                return true;
            case ObjectValueNode oa:
                if (b is not ObjectValueNode ob || oa.Fields.Count != ob.Fields.Count) return false;
                for (var i = 0; i < oa.Fields.Count; i++)
                {
                    var fa = oa.Fields[i];
                    ObjectFieldNode? match = null;
                    for (var j = 0; j < ob.Fields.Count; j++)
                    {
                        if (ob.Fields[j].Name.Value == fa.Name.Value)
                        {
                            match = ob.Fields[j];
                            break;
                        }
                    }
                    if (match is null || !AreEqual(fa.Value, match.Value)) return false;
                }
                return true;
            default:
                return false;
        }
    }
}
