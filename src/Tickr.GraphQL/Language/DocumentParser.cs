using System.Globalization;
using System.Runtime.CompilerServices;
using Tickr.GraphQL.Language.Ast;

namespace Tickr.GraphQL.Language;

/// <summary>
/// Recursive-descent parser over a <see cref="Lexer"/>. Each Parse method's summary is the grammar production it
/// reads. Lists are gathered on a shared scratch stack and copied into exact-size arrays, so a list costs one
/// allocation. Nesting is bounded by <see cref="ParserOptions.MaxDepth"/> and the available stack.
/// </summary>
internal ref partial struct DocumentParser
{
    private Lexer _lexer;
    private readonly int _maxTokens;
    private readonly int _maxDepth;
    private readonly bool _noLocations;
    private int _tokenCount;
    private int _depth;
    private int _previousEnd;
    private SyntaxNode[] _scratch;
    private int _scratchTop;

    [ThreadStatic]
    private static SyntaxNode[]? t_scratch;

    public DocumentParser(ReadOnlySpan<char> source, ParserOptions options)
    {
        _lexer = new Lexer(source);
        _maxTokens = options.MaxTokens;
        _maxDepth = options.MaxDepth;
        _noLocations = options.NoLocations;
        _scratch = t_scratch ?? new SyntaxNode[64];
        t_scratch = null;
    }

    /// <summary>Hands the scratch stack back to the thread for the next parse (unless it grew very large).</summary>
    public void Release()
    {
        if (_scratch is null)
        {
            return;
        }
        Array.Clear(_scratch, 0, Math.Min(_scratchTop, _scratch.Length));
        if (_scratch.Length <= 1024)
        {
            t_scratch = _scratch;
        }
        _scratch = null!;
    }

    // ---- Token plumbing -------------------------------------------------------------------------------------

    private readonly TokenKind Kind
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        get => _lexer.Token.Kind;
    }

    /// <summary>Moves to the next token, counting it against <see cref="ParserOptions.MaxTokens"/>.</summary>
    private void Advance()
    {
        _previousEnd = _lexer.Token.End;
        if (_lexer.Advance() != TokenKind.EndOfFile && ++_tokenCount > _maxTokens)
        {
            throw SyntaxErrors.At(_lexer.Source, _lexer.Token.Start,
                "Document contains more than " + _maxTokens.ToString(CultureInfo.InvariantCulture) + " tokens. Parsing aborted.",
                ErrorCodes.MaxTokensExceeded);
        }
    }

    private Token Expect(TokenKind kind)
    {
        var token = _lexer.Token;
        if (token.Kind != kind)
        {
            throw Error(token.Start, "Expected " + KindDescription(kind) + ", found " + Describe(token) + ".");
        }
        Advance();
        return token;
    }

    private bool ExpectOptional(TokenKind kind)
    {
        if (Kind != kind)
        {
            return false;
        }
        Advance();
        return true;
    }

    private readonly bool PeekKeyword(string keyword) =>
        Kind == TokenKind.Name && _lexer.TextOf(_lexer.Token).SequenceEqual(keyword);

    private void ExpectKeyword(string keyword)
    {
        if (!PeekKeyword(keyword))
        {
            throw Error(_lexer.Token.Start, "Expected \"" + keyword + "\", found " + Describe(_lexer.Token) + ".");
        }
        Advance();
    }

    private bool ExpectOptionalKeyword(string keyword)
    {
        if (!PeekKeyword(keyword))
        {
            return false;
        }
        Advance();
        return true;
    }

    private readonly GraphQLSyntaxException Unexpected() => Unexpected(_lexer.Token);

    private readonly GraphQLSyntaxException Unexpected(in Token token) =>
        Error(token.Start, "Unexpected " + Describe(token) + ".");

    private readonly GraphQLSyntaxException Error(int position, string message) =>
        SyntaxErrors.At(_lexer.Source, position, message);

    /// <summary>graphql-js token description: kind, then the value in quotes when the token has one.</summary>
    private readonly string Describe(in Token token) => token.Kind switch
    {
        TokenKind.Name or TokenKind.Int or TokenKind.Float =>
            KindDescription(token.Kind) + " \"" + _lexer.TextOf(token).ToString() + "\"",
        TokenKind.String or TokenKind.BlockString => KindDescription(token.Kind) + " \"" + token.Value + "\"",
        _ => KindDescription(token.Kind),
    };

    internal static string KindDescription(TokenKind kind) => kind switch
    {
        TokenKind.StartOfFile => "<SOF>",
        TokenKind.EndOfFile => "<EOF>",
        TokenKind.Bang => "\"!\"",
        TokenKind.Dollar => "\"$\"",
        TokenKind.Amp => "\"&\"",
        TokenKind.ParenL => "\"(\"",
        TokenKind.ParenR => "\")\"",
        TokenKind.Spread => "\"...\"",
        TokenKind.Colon => "\":\"",
        TokenKind.Equals => "\"=\"",
        TokenKind.At => "\"@\"",
        TokenKind.BracketL => "\"[\"",
        TokenKind.BracketR => "\"]\"",
        TokenKind.BraceL => "\"{\"",
        TokenKind.Pipe => "\"|\"",
        TokenKind.BraceR => "\"}\"",
        TokenKind.Name => "Name",
        TokenKind.Int => "Int",
        TokenKind.Float => "Float",
        TokenKind.String => "String",
        TokenKind.BlockString => "BlockString",
        _ => kind.ToString(),
    };

    /// <summary>Location from a node's first token to the end of the last token consumed.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private readonly Location? Loc(in Token start) =>
        _noLocations ? null : new Location(start.Start, _previousEnd, start.Line, start.Column);

    /// <summary>Enters a nested selection set, list/object value or list type.</summary>
    private void Enter()
    {
        if (++_depth > _maxDepth)
        {
            throw Error(_lexer.Token.Start,
                "Document exceeds the maximum nesting depth of " + _maxDepth.ToString(CultureInfo.InvariantCulture) + ". Parsing aborted.");
        }
        if (!RuntimeHelpers.TryEnsureSufficientExecutionStack())
        {
            throw Error(_lexer.Token.Start, "Document is nested too deeply to parse. Parsing aborted.");
        }
    }

    private void Leave() => _depth--;

    // ---- Scratch stack for lists ----------------------------------------------------------------------------

    private void Push(SyntaxNode node)
    {
        if (_scratchTop == _scratch.Length)
        {
            Array.Resize(ref _scratch, _scratch.Length * 2);
        }
        _scratch[_scratchTop++] = node;
    }

    /// <summary>Copies the nodes pushed since <paramref name="mark"/> into an exact-size array and pops them.</summary>
    private T[] PopList<T>(int mark) where T : SyntaxNode
    {
        var count = _scratchTop - mark;
        if (count == 0)
        {
            return [];
        }
        var result = new T[count];
        for (var i = 0; i < count; i++)
        {
            result[i] = (T)_scratch[mark + i];
            _scratch[mark + i] = null!;
        }
        _scratchTop = mark;
        return result;
    }

    // ---- Entry points ---------------------------------------------------------------------------------------

    /// <summary>Document : Definition+</summary>
    public DocumentNode ParseDocument()
    {
        Advance();
        var mark = _scratchTop;
        do
        {
            Push(ParseDefinition());
        }
        while (Kind != TokenKind.EndOfFile);
        return new DocumentNode
        {
            Definitions = PopList<DefinitionNode>(mark),
            TokenCount = _tokenCount,
            // Like graphql-js, the document spans the whole source, trailing ignored tokens included.
            Location = _noLocations ? null : new Location(0, _lexer.Token.End, 1, 1),
        };
    }

    /// <summary>A value literal followed by the end of the source.</summary>
    public ValueNode ParseStandaloneValue(bool isConst)
    {
        Advance();
        var value = ParseValueLiteral(isConst);
        Expect(TokenKind.EndOfFile);
        return value;
    }

    /// <summary>A type reference followed by the end of the source.</summary>
    public TypeNode ParseStandaloneType()
    {
        Advance();
        var type = ParseTypeReference();
        Expect(TokenKind.EndOfFile);
        return type;
    }

    /// <summary>
    /// Definition : ExecutableDefinition | TypeSystemDefinitionOrExtension.
    /// A leading description is allowed before every definition except the shorthand query and extensions
    /// (descriptions on operations and fragments follow the spec draft, as graphql-js 16.15 does).
    /// </summary>
    private DefinitionNode ParseDefinition()
    {
        if (Kind == TokenKind.BraceL)
        {
            return ParseOperationDefinition();
        }
        var hasDescription = PeekDescription();
        var keyword = hasDescription ? _lexer.Lookahead() : _lexer.Token;
        if (hasDescription && keyword.Kind == TokenKind.BraceL)
        {
            throw Error(_lexer.Token.Start, "Unexpected description, descriptions are not supported on shorthand queries.");
        }
        if (keyword.Kind == TokenKind.Name)
        {
            switch (_lexer.TextOf(keyword))
            {
                case "schema": return ParseSchemaDefinition();
                case "scalar": return ParseScalarTypeDefinition();
                case "type": return ParseObjectTypeDefinition();
                case "interface": return ParseInterfaceTypeDefinition();
                case "union": return ParseUnionTypeDefinition();
                case "enum": return ParseEnumTypeDefinition();
                case "input": return ParseInputObjectTypeDefinition();
                case "directive": return ParseDirectiveDefinition();
                case "query":
                case "mutation":
                case "subscription":
                    return ParseOperationDefinition();
                case "fragment":
                    return ParseFragmentDefinition();
            }
            if (hasDescription)
            {
                throw Error(_lexer.Token.Start, "Unexpected description, only GraphQL definitions support descriptions.");
            }
            if (_lexer.TextOf(keyword).SequenceEqual("extend"))
            {
                return ParseTypeSystemExtension();
            }
        }
        throw Unexpected(keyword);
    }

    // ---- Executable definitions -----------------------------------------------------------------------------

    /// <summary>
    /// OperationDefinition : Description? OperationType Name? VariablesDefinition? Directives? SelectionSet | SelectionSet
    /// </summary>
    private OperationDefinitionNode ParseOperationDefinition()
    {
        var start = _lexer.Token;
        if (start.Kind == TokenKind.BraceL)
        {
            var shorthand = ParseSelectionSet();
            return new OperationDefinitionNode
            {
                Operation = OperationType.Query,
                SelectionSet = shorthand,
                Location = Loc(start),
            };
        }
        var description = ParseDescription();
        var operation = ParseOperationType();
        var name = Kind == TokenKind.Name ? ParseName() : null;
        var variables = ParseVariableDefinitions();
        var directives = ParseDirectives(isConst: false);
        var selectionSet = ParseSelectionSet();
        return new OperationDefinitionNode
        {
            Description = description,
            Operation = operation,
            Name = name,
            VariableDefinitions = variables,
            Directives = directives,
            SelectionSet = selectionSet,
            Location = Loc(start),
        };
    }

    /// <summary>OperationType : one of query mutation subscription</summary>
    private OperationType ParseOperationType()
    {
        var token = Expect(TokenKind.Name);
        return _lexer.TextOf(token) switch
        {
            "query" => OperationType.Query,
            "mutation" => OperationType.Mutation,
            "subscription" => OperationType.Subscription,
            _ => throw Unexpected(token),
        };
    }

    /// <summary>VariablesDefinition : ( VariableDefinition+ )</summary>
    private IReadOnlyList<VariableDefinitionNode> ParseVariableDefinitions()
    {
        if (!ExpectOptional(TokenKind.ParenL))
        {
            return [];
        }
        var mark = _scratchTop;
        do
        {
            Push(ParseVariableDefinition());
        }
        while (!ExpectOptional(TokenKind.ParenR));
        return PopList<VariableDefinitionNode>(mark);
    }

    /// <summary>VariableDefinition : Description? Variable : Type DefaultValue? Directives[Const]?</summary>
    private VariableDefinitionNode ParseVariableDefinition()
    {
        var start = _lexer.Token;
        var description = ParseDescription();
        var variable = ParseVariable();
        Expect(TokenKind.Colon);
        var type = ParseTypeReference();
        var defaultValue = ExpectOptional(TokenKind.Equals) ? ParseValueLiteral(isConst: true) : null;
        var directives = ParseDirectives(isConst: true);
        return new VariableDefinitionNode
        {
            Description = description,
            Variable = variable,
            Type = type,
            DefaultValue = defaultValue,
            Directives = directives,
            Location = Loc(start),
        };
    }

    /// <summary>Variable : $ Name</summary>
    private VariableNode ParseVariable()
    {
        var start = Expect(TokenKind.Dollar);
        var name = ParseName();
        return new VariableNode { Name = name, Location = Loc(start) };
    }

    /// <summary>SelectionSet : { Selection+ }</summary>
    private SelectionSetNode ParseSelectionSet()
    {
        var start = _lexer.Token;
        Enter();
        Expect(TokenKind.BraceL);
        var mark = _scratchTop;
        do
        {
            Push(Kind == TokenKind.Spread ? ParseFragment() : ParseField());
        }
        while (!ExpectOptional(TokenKind.BraceR));
        Leave();
        return new SelectionSetNode { Selections = PopList<SelectionNode>(mark), Location = Loc(start) };
    }

    /// <summary>Field : Alias? Name Arguments? Directives? SelectionSet? ; Alias : Name :</summary>
    private FieldNode ParseField()
    {
        var start = _lexer.Token;
        var nameOrAlias = ParseName();
        NameNode? alias = null;
        NameNode name;
        if (ExpectOptional(TokenKind.Colon))
        {
            alias = nameOrAlias;
            name = ParseName();
        }
        else
        {
            name = nameOrAlias;
        }
        var arguments = ParseArguments(isConst: false);
        var directives = ParseDirectives(isConst: false);
        var selectionSet = Kind == TokenKind.BraceL ? ParseSelectionSet() : null;
        return new FieldNode
        {
            Alias = alias,
            Name = name,
            Arguments = arguments,
            Directives = directives,
            SelectionSet = selectionSet,
            Location = Loc(start),
        };
    }

    /// <summary>Arguments[Const] : ( Argument[?Const]+ )</summary>
    private IReadOnlyList<ArgumentNode> ParseArguments(bool isConst)
    {
        if (!ExpectOptional(TokenKind.ParenL))
        {
            return [];
        }
        var mark = _scratchTop;
        do
        {
            Push(ParseArgument(isConst));
        }
        while (!ExpectOptional(TokenKind.ParenR));
        return PopList<ArgumentNode>(mark);
    }

    /// <summary>Argument[Const] : Name : Value[?Const]</summary>
    private ArgumentNode ParseArgument(bool isConst)
    {
        var start = _lexer.Token;
        var name = ParseName();
        Expect(TokenKind.Colon);
        var value = ParseValueLiteral(isConst);
        return new ArgumentNode { Name = name, Value = value, Location = Loc(start) };
    }

    /// <summary>
    /// FragmentSpread : ... FragmentName Directives? ;
    /// InlineFragment : ... TypeCondition? Directives? SelectionSet
    /// </summary>
    private SelectionNode ParseFragment()
    {
        var start = Expect(TokenKind.Spread);
        var hasTypeCondition = ExpectOptionalKeyword("on");
        if (!hasTypeCondition && Kind == TokenKind.Name)
        {
            var name = ParseFragmentName();
            var spreadDirectives = ParseDirectives(isConst: false);
            return new FragmentSpreadNode { Name = name, Directives = spreadDirectives, Location = Loc(start) };
        }
        var typeCondition = hasTypeCondition ? ParseNamedType() : null;
        var directives = ParseDirectives(isConst: false);
        var selectionSet = ParseSelectionSet();
        return new InlineFragmentNode
        {
            TypeCondition = typeCondition,
            Directives = directives,
            SelectionSet = selectionSet,
            Location = Loc(start),
        };
    }

    /// <summary>FragmentDefinition : Description? fragment FragmentName TypeCondition Directives? SelectionSet</summary>
    private FragmentDefinitionNode ParseFragmentDefinition()
    {
        var start = _lexer.Token;
        var description = ParseDescription();
        ExpectKeyword("fragment");
        var name = ParseFragmentName();
        ExpectKeyword("on");
        var typeCondition = ParseNamedType();
        var directives = ParseDirectives(isConst: false);
        var selectionSet = ParseSelectionSet();
        return new FragmentDefinitionNode
        {
            Description = description,
            Name = name,
            TypeCondition = typeCondition,
            Directives = directives,
            SelectionSet = selectionSet,
            Location = Loc(start),
        };
    }

    /// <summary>FragmentName : Name but not on</summary>
    private NameNode ParseFragmentName()
    {
        if (PeekKeyword("on"))
        {
            throw Unexpected();
        }
        return ParseName();
    }

    /// <summary>Name : /[_A-Za-z][_0-9A-Za-z]*/</summary>
    private NameNode ParseName()
    {
        var token = Expect(TokenKind.Name);
        return new NameNode { Value = NameCache.Get(_lexer.TextOf(token)), Location = Loc(token) };
    }

    // ---- Values ---------------------------------------------------------------------------------------------

    /// <summary>
    /// Value[Const] : [~Const] Variable | IntValue | FloatValue | StringValue | BooleanValue | NullValue | EnumValue
    /// | ListValue[?Const] | ObjectValue[?Const]
    /// </summary>
    private ValueNode ParseValueLiteral(bool isConst)
    {
        var token = _lexer.Token;
        switch (token.Kind)
        {
            case TokenKind.BracketL:
                return ParseList(isConst);
            case TokenKind.BraceL:
                return ParseObject(isConst);
            case TokenKind.Int:
                Advance();
                return new IntValueNode { Value = NameCache.Get(_lexer.TextOf(token)), Location = Loc(token) };
            case TokenKind.Float:
                Advance();
                return new FloatValueNode { Value = NameCache.Get(_lexer.TextOf(token)), Location = Loc(token) };
            case TokenKind.String:
            case TokenKind.BlockString:
                return ParseStringLiteral();
            case TokenKind.Name:
                Advance();
                var text = _lexer.TextOf(token);
                if (text.SequenceEqual("true") || text.SequenceEqual("false"))
                {
                    var b = text.Length == 4;
                    return _noLocations
                        ? (b ? BooleanValueNode.True : BooleanValueNode.False)
                        : new BooleanValueNode { Value = b, Location = Loc(token) };
                }
                if (text.SequenceEqual("null"))
                {
                    return _noLocations ? NullValueNode.Instance : new NullValueNode { Location = Loc(token) };
                }
                return new EnumValueNode { Value = NameCache.Get(text), Location = Loc(token) };
            case TokenKind.Dollar:
                if (isConst)
                {
                    Advance();
                    if (Kind == TokenKind.Name)
                    {
                        throw Error(token.Start, "Unexpected variable \"$" + _lexer.TextOf(_lexer.Token).ToString() + "\" in constant value.");
                    }
                    throw Unexpected(token);
                }
                return ParseVariable();
            default:
                throw Unexpected();
        }
    }

    /// <summary>StringValue : " StringCharacter* " | """ BlockStringCharacter* """</summary>
    private StringValueNode ParseStringLiteral()
    {
        var token = _lexer.Token;
        Advance();
        return new StringValueNode
        {
            Value = token.Value!,
            Block = token.Kind == TokenKind.BlockString,
            Location = Loc(token),
        };
    }

    /// <summary>ListValue[Const] : [ ] | [ Value[?Const]+ ]</summary>
    private ListValueNode ParseList(bool isConst)
    {
        var start = _lexer.Token;
        Enter();
        Advance();
        var mark = _scratchTop;
        while (!ExpectOptional(TokenKind.BracketR))
        {
            Push(ParseValueLiteral(isConst));
        }
        Leave();
        return new ListValueNode { Values = PopList<ValueNode>(mark), Location = Loc(start) };
    }

    /// <summary>ObjectValue[Const] : { } | { ObjectField[?Const]+ } ; ObjectField[Const] : Name : Value[?Const]</summary>
    private ObjectValueNode ParseObject(bool isConst)
    {
        var start = _lexer.Token;
        Enter();
        Advance();
        var mark = _scratchTop;
        while (!ExpectOptional(TokenKind.BraceR))
        {
            var fieldStart = _lexer.Token;
            var name = ParseName();
            Expect(TokenKind.Colon);
            var value = ParseValueLiteral(isConst);
            Push(new ObjectFieldNode { Name = name, Value = value, Location = Loc(fieldStart) });
        }
        Leave();
        return new ObjectValueNode { Fields = PopList<ObjectFieldNode>(mark), Location = Loc(start) };
    }

    // ---- Directives and types -------------------------------------------------------------------------------

    /// <summary>Directives[Const] : Directive[?Const]+ ; Directive[Const] : @ Name Arguments[?Const]?</summary>
    private IReadOnlyList<DirectiveNode> ParseDirectives(bool isConst)
    {
        if (Kind != TokenKind.At)
        {
            return [];
        }
        var mark = _scratchTop;
        do
        {
            var start = _lexer.Token;
            Advance();
            var name = ParseName();
            var arguments = ParseArguments(isConst);
            Push(new DirectiveNode { Name = name, Arguments = arguments, Location = Loc(start) });
        }
        while (Kind == TokenKind.At);
        return PopList<DirectiveNode>(mark);
    }

    /// <summary>Type : NamedType | ListType | NonNullType ; ListType : [ Type ] ; NonNullType : NamedType ! | ListType !</summary>
    private TypeNode ParseTypeReference()
    {
        var start = _lexer.Token;
        TypeNode type;
        if (start.Kind == TokenKind.BracketL)
        {
            Enter();
            Advance();
            var inner = ParseTypeReference();
            Expect(TokenKind.BracketR);
            Leave();
            type = new ListTypeNode { Type = inner, Location = Loc(start) };
        }
        else
        {
            type = ParseNamedType();
        }
        if (ExpectOptional(TokenKind.Bang))
        {
            return new NonNullTypeNode { Type = type, Location = Loc(start) };
        }
        return type;
    }

    /// <summary>NamedType : Name</summary>
    private NamedTypeNode ParseNamedType()
    {
        var start = _lexer.Token;
        var name = ParseName();
        return new NamedTypeNode { Name = name, Location = Loc(start) };
    }
}
