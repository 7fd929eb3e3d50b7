using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;

namespace Connector.Tests.Infra;

/// <summary>A value only Azure knows at deployment time (<c>reference(...)</c>, <c>uniqueString(...)</c>), kept as text.</summary>
public sealed record RuntimeValue(string Text)
{
    public override string ToString() => "{" + Text + "}";
}

/// <summary>
/// Evaluates the part of the ARM template expression language that Bicep emits for names and settings:
/// literals, <c>parameters</c>, <c>variables</c>, <c>format</c>, <c>if</c>, <c>empty</c>, <c>createObject</c>, resource ids...
/// Anything that needs Azure (<c>reference</c>, <c>uniqueString</c>, <c>guid</c>) becomes a <see cref="RuntimeValue"/>,
/// so a setting evaluates to text such as <c>@Microsoft.KeyVault(SecretUri={reference(...).outputs.uri.value}secrets/x)</c>.
/// Values: string, long, bool, null, List&lt;object?&gt;, Dictionary&lt;string, object?&gt; or RuntimeValue.
/// </summary>
public sealed class ArmScope(Func<string, object?> parameter, Func<string, object?> variable)
{
    public object? Parameter(string name) => parameter(name);
    public object? Variable(string name) => variable(name);

    /// <summary>Evaluates a JSON value of a template: each string that is an expression is evaluated, recursively.</summary>
    public object? Evaluate(JsonNode? node) => node switch
    {
        null => null,
        JsonObject o => o.ToDictionary(p => AsText(EvaluateString(p.Key)), p => Evaluate(p.Value)),
        JsonArray a => a.Select(Evaluate).ToList(),
        JsonValue v when v.TryGetValue(out string? s) => EvaluateString(s),
        JsonValue v when v.TryGetValue(out bool b) => b,
        JsonValue v when v.TryGetValue(out long l) => l,
        _ => node.AsValue().GetValue<double>(),
    };

    public object? EvaluateString(string text)
    {
        if (text.StartsWith("[[", StringComparison.Ordinal))
        {
            return text[1..];
        }
        if (text.Length >= 2 && text[0] == '[' && text[^1] == ']')
        {
            var parser = new Parser(text[1..^1], this);
            var value = parser.ParseExpression();
            parser.ExpectEnd();
            return value;
        }
        return text;
    }

    public static string AsText(object? value) => value switch
    {
        null => "",
        string s => s,
        bool b => b ? "True" : "False",
        long l => l.ToString(CultureInfo.InvariantCulture),
        RuntimeValue r => r.ToString(),
        _ => System.Text.Json.JsonSerializer.Serialize(value),
    };

    private object? Call(string name, List<object?> args)
    {
        string Text(int i) => AsText(args[i]);
        switch (name.ToLowerInvariant())
        {
            case "parameters": return Parameter(Text(0));
            case "variables": return Variable(Text(0));
            case "format":
                return string.Format(CultureInfo.InvariantCulture, Text(0), args.Skip(1).Select(AsText).ToArray<object?>());
            case "concat":
                return args.All(a => a is List<object?>) ? args.SelectMany(a => (List<object?>)a!).ToList() : string.Concat(args.Select(AsText));
            case "tolower": return args[0] is RuntimeValue r0 ? r0 : Text(0).ToLowerInvariant();
            case "toupper": return Text(0).ToUpperInvariant();
            case "take":
                return args[0] is List<object?> list ? list.Take((int)(long)args[1]!).ToList()
                    : args[0] is RuntimeValue r1 ? r1 : Text(0)[..Math.Min(Text(0).Length, (int)(long)args[1]!)];
            case "string": return args[0] is string or RuntimeValue ? args[0] : AsText(args[0]);
            case "if": return args[0] is true ? args[1] : args[0] is false ? args[2] : new RuntimeValue($"if({AsText(args[0])})");
            case "not": return args[0] is bool b ? !b : new RuntimeValue("not");
            case "equals": return Equals(args[0], args[1]);
            case "empty":
                return args[0] switch
                {
                    null => true,
                    string s => s.Length == 0,
                    List<object?> l => l.Count == 0,
                    Dictionary<string, object?> d => d.Count == 0,
                    _ => false,
                };
            case "length": return args[0] switch { string s => s.Length, List<object?> l => l.Count, _ => 0L };
            case "createobject":
                var created = new Dictionary<string, object?>();
                for (var i = 0; i + 1 < args.Count; i += 2)
                {
                    created[Text(i)] = args[i + 1];
                }
                return created;
            case "createarray": return args;
            case "union":
                if (args.All(a => a is Dictionary<string, object?>))
                {
                    var merged = new Dictionary<string, object?>();
                    foreach (var d in args.Cast<Dictionary<string, object?>>())
                    {
                        foreach (var (k, v) in d) { merged[k] = v; }
                    }
                    return merged;
                }
                return new RuntimeValue("union");
            case "true": return true;
            case "false": return false;
            case "null": return null;
            case "subscription":
                return new Dictionary<string, object?>
                {
                    ["id"] = "/subscriptions/00000000-0000-0000-0000-000000000000",
                    ["subscriptionId"] = "00000000-0000-0000-0000-000000000000",
                    ["tenantId"] = new RuntimeValue("tenantId"),
                };
            case "tenant": return new Dictionary<string, object?> { ["tenantId"] = new RuntimeValue("tenantId") };
            case "resourceid": return ResourceId(args);
            case "subscriptionresourceid": return "/subscriptions/00000000-0000-0000-0000-000000000000/providers/" + ResourceId(args);
            case "extensionresourceid": return Text(0) + "/providers/" + ResourceId(args.Skip(1).ToList());
            default:
                // reference(), uniqueString(), guid(), deployer(), environment()...: known only to Azure.
                return new RuntimeValue($"{name}({string.Join(", ", args.Select(AsText))})");
        }
    }

    /// <summary>resourceId('Type/Child', 'a', 'b') as Type/a/Child/b.</summary>
    private static string ResourceId(List<object?> args)
    {
        var type = AsText(args[0]).Split('/');
        var names = args.Skip(1).Select(AsText).ToArray();
        var sb = new StringBuilder(type[0]);
        for (var i = 1; i < type.Length; i++)
        {
            sb.Append('/').Append(type[i]).Append('/').Append(i - 1 < names.Length ? names[i - 1] : "");
        }
        return sb.ToString();
    }

    private static object? Member(object? target, string name) => target switch
    {
        Dictionary<string, object?> d => d.TryGetValue(name, out var v) ? v
            : d.FirstOrDefault(p => string.Equals(p.Key, name, StringComparison.OrdinalIgnoreCase)).Value,
        RuntimeValue r => new RuntimeValue(r.Text + "." + name),
        _ => throw new InvalidOperationException($"No member '{name}' on {AsText(target)}"),
    };

    private static object? Index(object? target, object? index) => (target, index) switch
    {
        (List<object?> l, long i) => l[(int)i],
        (_, string s) => Member(target, s),
        (RuntimeValue r, _) => new RuntimeValue($"{r.Text}[{AsText(index)}]"),
        _ => new RuntimeValue($"{AsText(target)}[{AsText(index)}]"),
    };

    private sealed class Parser(string text, ArmScope scope)
    {
        private int _pos;

        public void ExpectEnd()
        {
            SkipSpace();
            if (_pos != text.Length)
            {
                throw new FormatException($"Unexpected '{text[_pos..]}' in [{text}]");
            }
        }

        public object? ParseExpression()
        {
            var value = ParsePrimary();
            while (true)
            {
                SkipSpace();
                if (Peek('.'))
                {
                    _pos++;
                    value = Member(value, Identifier());
                }
                else if (Peek('['))
                {
                    _pos++;
                    var index = ParseExpression();
                    Expect(']');
                    value = Index(value, index);
                }
                else
                {
                    return value;
                }
            }
        }

        private object? ParsePrimary()
        {
            SkipSpace();
            if (Peek('\''))
            {
                return StringLiteral();
            }
            if (_pos < text.Length && (char.IsDigit(text[_pos]) || text[_pos] == '-'))
            {
                var start = _pos++;
                while (_pos < text.Length && char.IsDigit(text[_pos])) { _pos++; }
                return long.Parse(text[start.._pos], CultureInfo.InvariantCulture);
            }
            var name = Identifier();
            SkipSpace();
            if (!Peek('('))
            {
                return name switch { "true" => true, "false" => false, "null" => null, _ => throw new FormatException($"Bare '{name}' in [{text}]") };
            }
            _pos++;
            var args = new List<object?>();
            SkipSpace();
            while (!Peek(')'))
            {
                args.Add(ParseExpression());
                SkipSpace();
                if (Peek(','))
                {
                    _pos++;
                }
                else
                {
                    break;
                }
            }
            Expect(')');
            return scope.Call(name, args);
        }

        private string StringLiteral()
        {
            _pos++;
            var sb = new StringBuilder();
            while (true)
            {
                if (_pos >= text.Length) { throw new FormatException($"Unterminated string in [{text}]"); }
                var c = text[_pos++];
                if (c == '\'')
                {
                    if (Peek('\'')) { sb.Append('\''); _pos++; continue; }
                    return sb.ToString();
                }
                sb.Append(c);
            }
        }

        private string Identifier()
        {
            SkipSpace();
            var start = _pos;
            while (_pos < text.Length && (char.IsLetterOrDigit(text[_pos]) || text[_pos] == '_')) { _pos++; }
            if (start == _pos) { throw new FormatException($"Identifier expected at {start} in [{text}]"); }
            return text[start.._pos];
        }

        private bool Peek(char c) => _pos < text.Length && text[_pos] == c;

        private void Expect(char c)
        {
            SkipSpace();
            if (!Peek(c)) { throw new FormatException($"'{c}' expected at {_pos} in [{text}]"); }
            _pos++;
        }

        private void SkipSpace()
        {
            while (_pos < text.Length && char.IsWhiteSpace(text[_pos])) { _pos++; }
        }
    }
}
