using System.Text;
using Connector.Sandbox.Tenant;

namespace Connector.Sandbox.Archives;

/// <summary>
/// Reads an OData <c>$filter</c> as SuperOffice's search pages write it: clauses <c>column operator value</c> joined by
/// <c>and</c>, a value bare (<c>5</c>) or quoted (<c>'2020-05-28'</c>, <c>''</c> doubles a quote), a list or a pair in
/// parentheses (<c>oneOf (3,6)</c>, <c>between ('A','S')</c>), and no value for the unary operators (<c>date today</c>).
/// <c>or</c> is refused: the pages show only <c>and</c>. Whether a clause makes sense for its column is
/// <see cref="ArchiveOperators"/>' business.
/// </summary>
public static class ArchiveFilterParser
{
    private readonly record struct Token(string Text, bool Quoted)
    {
        public bool Is(string word) => !Quoted && Text.Equals(word, StringComparison.OrdinalIgnoreCase);
    }

    public static IReadOnlyList<ArchiveClause> Parse(string filter)
    {
        var tokens = Tokenize(filter);
        var clauses = new List<ArchiveClause>();
        var i = 0;
        while (i < tokens.Count)
        {
            if (i + 1 >= tokens.Count || tokens[i].Quoted || tokens[i].Text is "(" or ")" or ",")
            {
                throw Error($"Incomplete filter clause near '{tokens[i].Text}'.");
            }
            var column = tokens[i].Text;
            var op = tokens[i + 1].Text;
            i += 2;
            var values = new List<string>();
            if (i < tokens.Count && tokens[i].Is("("))
            {
                i++;
                var expectValue = true;
                while (true)
                {
                    if (i >= tokens.Count)
                    {
                        throw Error($"Missing ')' after the values of '{column} {op}'.");
                    }
                    var token = tokens[i++];
                    if (token.Is(")"))
                    {
                        break;
                    }
                    if (expectValue == token.Is(","))
                    {
                        throw Error($"Values of '{column} {op}' must be separated by commas.");
                    }
                    if (!token.Is(","))
                    {
                        values.Add(token.Text);
                    }
                    expectValue = !expectValue;
                }
            }
            else if (i < tokens.Count && !tokens[i].Is("and"))
            {
                values.Add(tokens[i++].Text);
            }
            clauses.Add(new ArchiveClause(column, op, values));

            if (i < tokens.Count)
            {
                if (tokens[i].Is("or"))
                {
                    throw Error("The sandbox supports only 'and' between filter clauses.");
                }
                if (!tokens[i].Is("and"))
                {
                    throw Error($"Expected 'and' but found '{tokens[i].Text}'.");
                }
                if (++i == tokens.Count)
                {
                    throw Error("The filter ends with 'and'.");
                }
            }
        }
        return clauses;
    }

    public static ApiError Error(string message) => new(400, "ArchiveFilter", message);

    private static List<Token> Tokenize(string filter)
    {
        var tokens = new List<Token>();
        var i = 0;
        while (i < filter.Length)
        {
            var c = filter[i];
            if (char.IsWhiteSpace(c))
            {
                i++;
            }
            else if (c is '(' or ')' or ',')
            {
                tokens.Add(new Token(c.ToString(), false));
                i++;
            }
            else if (c == '\'')
            {
                var text = new StringBuilder();
                var closed = false;
                i++;
                while (i < filter.Length)
                {
                    if (filter[i] == '\'' && i + 1 < filter.Length && filter[i + 1] == '\'')
                    {
                        text.Append('\'');
                        i += 2;
                    }
                    else if (filter[i] == '\'')
                    {
                        i++;
                        closed = true;
                        break;
                    }
                    else
                    {
                        text.Append(filter[i++]);
                    }
                }
                if (!closed)
                {
                    throw Error("A quoted value is not closed.");
                }
                tokens.Add(new Token(text.ToString(), true));
            }
            else
            {
                var start = i;
                while (i < filter.Length && !char.IsWhiteSpace(filter[i]) && filter[i] is not ('(' or ')' or ',' or '\''))
                {
                    i++;
                }
                tokens.Add(new Token(filter[start..i], false));
            }
        }
        return tokens;
    }
}
