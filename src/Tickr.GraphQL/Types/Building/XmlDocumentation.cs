using System.Reflection;
using System.Text;
using System.Xml;
using System.Xml.Linq;

namespace Tickr.GraphQL.Types.Building;

/// <summary>
/// Reads <c>&lt;summary&gt;</c> and <c>&lt;param&gt;</c> texts from compiler-generated XML documentation files
/// (the <c>.xml</c> next to an assembly, or files added explicitly), keyed by documentation member ID.
/// </summary>
internal sealed class XmlDocumentation(bool loadNextToAssemblies = true)
{
    private readonly Dictionary<string, XElement> _members = new(StringComparer.Ordinal);
    private readonly HashSet<Assembly> _loadedAssemblies = [];

    /// <summary>Adds the members of one XML documentation file (later files win on duplicate IDs).</summary>
    public void AddFile(string path)
    {
        XDocument doc;
        try
        {
            doc = XDocument.Load(path);
        }
        catch (Exception e) when (e is IOException or XmlException or UnauthorizedAccessException)
        {
            throw new SchemaBuildException($"The XML documentation file '{path}' cannot be read: {e.Message}", e);
        }
        foreach (var member in doc.Descendants("member"))
        {
            if (member.Attribute("name")?.Value is { } id)
            {
                _members[id] = member;
            }
        }
    }

    private void EnsureAssembly(Assembly assembly)
    {
        if (!loadNextToAssemblies || !_loadedAssemblies.Add(assembly) || assembly.IsDynamic || string.IsNullOrEmpty(assembly.Location))
        {
            return;
        }
        var path = Path.ChangeExtension(assembly.Location, ".xml");
        if (File.Exists(path))
        {
            try
            {
                AddFile(path);
            }
            catch (SchemaBuildException)
            {
                // A broken documentation file next to an assembly only costs descriptions.
            }
        }
    }

    public string? GetSummary(Type type)
    {
        EnsureAssembly(type.Assembly);
        return Text(Find("T:" + TypeId(type))?.Element("summary"));
    }

    public string? GetSummary(MemberInfo member)
    {
        if (member.DeclaringType is not { } declaring)
        {
            return null;
        }
        EnsureAssembly(declaring.Assembly);
        var summary = Text(Find(MemberId(member))?.Element("summary"));
        if (summary is null && member is PropertyInfo p)
        {
            // Positional record properties are documented by the <param> of the record itself.
            summary = ParamText(Find("T:" + TypeId(declaring)), p.Name);
        }
        return summary;
    }

    public string? GetSummary(ParameterInfo parameter)
    {
        if (parameter.Member is not MethodBase method || parameter.Name is null || method.DeclaringType is null)
        {
            return null;
        }
        EnsureAssembly(method.DeclaringType.Assembly);
        return ParamText(Find(MemberId(method)), parameter.Name);
    }

    private XElement? Find(string id) => _members.GetValueOrDefault(id);

    private static string? ParamText(XElement? member, string name)
    {
        if (member is null)
        {
            return null;
        }
        foreach (var p in member.Elements("param"))
        {
            if (p.Attribute("name")?.Value == name)
            {
                return Text(p);
            }
        }
        return null;
    }

    /// <summary>Documentation ID of a member (ECMA-334 annex D): <c>M:Ns.Type.Method(System.String,System.Int32)</c>.</summary>
    internal static string MemberId(MemberInfo member)
    {
        if (member.DeclaringType is { IsGenericType: true, IsGenericTypeDefinition: false } constructed)
        {
            // IDs are written against the definition, where parameters are still `0, `1, ...
            member = constructed.GetGenericTypeDefinition().GetMemberWithSameMetadataDefinitionAs(member);
        }
        var owner = TypeId(member.DeclaringType!);
        switch (member)
        {
            case PropertyInfo p:
                var indexParams = p.GetIndexParameters();
                return indexParams.Length == 0 ? $"P:{owner}.{p.Name}" : $"P:{owner}.{p.Name}({Params(indexParams)})";
            case FieldInfo f:
                return $"F:{owner}.{f.Name}";
            case MethodBase m:
                var name = m is ConstructorInfo ? (m.IsStatic ? "#cctor" : "#ctor") : m.Name;
                if (m.IsGenericMethodDefinition || m.IsGenericMethod)
                {
                    name += "``" + m.GetGenericArguments().Length;
                }
                var ps = m.GetParameters();
                return ps.Length == 0 ? $"M:{owner}.{name}" : $"M:{owner}.{name}({Params(ps)})";
            default:
                return $"{member.MemberType}:{owner}.{member.Name}";
        }

        static string Params(ParameterInfo[] ps)
        {
            var sb = new StringBuilder();
            for (var i = 0; i < ps.Length; i++)
            {
                if (i > 0) sb.Append(',');
                AppendParameterType(sb, ps[i].ParameterType);
            }
            return sb.ToString();
        }
    }

    /// <summary>ID of a type definition: generic arity kept (<c>Ns.Outer.Connection`1</c>), nested types joined by '.'.</summary>
    internal static string TypeId(Type type)
    {
        if (type.IsGenericType && !type.IsGenericTypeDefinition)
        {
            type = type.GetGenericTypeDefinition();
        }
        return (type.FullName ?? type.Name).Replace('+', '.');
    }

    private static void AppendParameterType(StringBuilder sb, Type t)
    {
        if (t.IsByRef)
        {
            AppendParameterType(sb, t.GetElementType()!);
            sb.Append('@');
        }
        else if (t.IsPointer)
        {
            AppendParameterType(sb, t.GetElementType()!);
            sb.Append('*');
        }
        else if (t.IsArray)
        {
            AppendParameterType(sb, t.GetElementType()!);
            var rank = t.GetArrayRank();
            if (rank == 1)
            {
                sb.Append("[]");
            }
            else
            {
                sb.Append('[');
                for (var i = 0; i < rank; i++)
                {
                    if (i > 0) sb.Append(',');
                    sb.Append("0:");
                }
                sb.Append(']');
            }
        }
        else if (t.IsGenericParameter)
        {
            sb.Append(t.DeclaringMethod is null ? "`" : "``").Append(t.GenericParameterPosition);
        }
        else if (t.IsGenericType)
        {
            var def = t.GetGenericTypeDefinition();
            var args = t.GetGenericArguments();
            // Nested generic types spread their arguments over the enclosing types: Outer{A}.Inner{B}.
            AppendGenericName(sb, def, args, args.Length);
        }
        else
        {
            sb.Append((t.FullName ?? t.Name).Replace('+', '.'));
        }
    }

    private static void AppendGenericName(StringBuilder sb, Type def, Type[] args, int upTo)
    {
        var own = def.Name;
        var tick = own.IndexOf('`');
        var arity = tick < 0 ? 0 : int.Parse(own.AsSpan(tick + 1), System.Globalization.CultureInfo.InvariantCulture);
        var start = upTo - arity;
        if (def.IsNested)
        {
            AppendGenericName(sb, def.DeclaringType!, args, start);
            sb.Append('.');
        }
        else if (!string.IsNullOrEmpty(def.Namespace))
        {
            sb.Append(def.Namespace).Append('.');
        }
        sb.Append(tick < 0 ? own : own[..tick]);
        if (arity > 0)
        {
            sb.Append('{');
            for (var i = start; i < upTo; i++)
            {
                if (i > start) sb.Append(',');
                AppendParameterType(sb, args[i]);
            }
            sb.Append('}');
        }
    }

    /// <summary>Flattens a doc element into plain text: references become their short names, whitespace is tidied.</summary>
    private static string? Text(XElement? element)
    {
        if (element is null)
        {
            return null;
        }
        var sb = new StringBuilder();
        AppendNodes(sb, element);
        var lines = sb.ToString().Split('\n');
        var result = new StringBuilder();
        var pendingBreak = false;
        foreach (var raw in lines)
        {
            var line = CollapseSpaces(raw);
            if (line.Length == 0)
            {
                pendingBreak = result.Length > 0;
                continue;
            }
            if (result.Length > 0)
            {
                result.Append(pendingBreak ? "\n" : " ");
            }
            result.Append(line);
            pendingBreak = false;
        }
        return result.Length == 0 ? null : result.ToString();
    }

    private static void AppendNodes(StringBuilder sb, XElement element)
    {
        foreach (var node in element.Nodes())
        {
            switch (node)
            {
                case XText text:
                    sb.Append(text.Value);
                    break;
                case XElement e when e.Name.LocalName is "see" or "seealso":
                    if (!e.IsEmpty)
                    {
                        AppendNodes(sb, e);
                    }
                    else if (e.Attribute("langword")?.Value is { } word)
                    {
                        sb.Append(word);
                    }
                    else if (e.Attribute("cref")?.Value is { } cref)
                    {
                        sb.Append(ShortName(cref));
                    }
                    else if (e.Attribute("href")?.Value is { } href)
                    {
                        sb.Append(href);
                    }
                    break;
                case XElement e when e.Name.LocalName is "paramref" or "typeparamref":
                    sb.Append(e.Attribute("name")?.Value);
                    break;
                case XElement e when e.Name.LocalName is "para" or "br":
                    sb.Append('\n');
                    AppendNodes(sb, e);
                    sb.Append('\n');
                    break;
                case XElement e:
                    AppendNodes(sb, e);
                    break;
            }
        }
    }

    private static string ShortName(string cref)
    {
        var s = cref;
        var colon = s.IndexOf(':');
        if (colon >= 0) s = s[(colon + 1)..];
        var paren = s.IndexOf('(');
        if (paren >= 0) s = s[..paren];
        var tick = s.IndexOf('`');
        if (tick >= 0) s = s[..tick];
        var dot = s.LastIndexOf('.');
        return dot >= 0 ? s[(dot + 1)..] : s;
    }

    private static string CollapseSpaces(string s)
    {
        var sb = new StringBuilder(s.Length);
        var space = false;
        foreach (var c in s)
        {
            if (char.IsWhiteSpace(c))
            {
                space = sb.Length > 0;
                continue;
            }
            if (space)
            {
                sb.Append(' ');
                space = false;
            }
            sb.Append(c);
        }
        return sb.ToString();
    }
}
