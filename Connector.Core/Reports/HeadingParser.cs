using System.Buffers;
using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace Connector.Core.Reports;

/// <summary>
/// Finds the products a free-text Sale heading names (<c>2xOmnie CD-01 mit Nachlass</c>).
/// <list type="bullet">
/// <item><b>Keywords</b> (e.g. <c>OMNIE</c>, <c>CD-01</c>, <c>Service</c>) match case-insensitively as whole tokens:
/// not preceded or followed by a letter or digit. <c>Omnielektro</c> is not <c>OMNIE</c>, <c>CD-012</c> is not
/// <c>CD-01</c>; hyphens and punctuation separate tokens, so <c>Omnie-Paket</c> and <c>Kunden-Service</c> match.</item>
/// <item><b>German compounds</b>: a keyword of at least <see cref="CompoundMinimumLetters"/> letters and nothing
/// but letters (a word such as <c>Service</c>) also matches as the head or the tail of a compound word:
/// <c>Servicevertrag</c>, <c>Services</c>, <c>Wartungsservice</c>. It does not match in the middle
/// (<c>Wartungsservicevertrag</c>). Shorter keywords and keywords with digits or hyphens are product names and
/// codes, where a prefix is usually another word (<c>Omnielektro</c>), so they match whole tokens only.</item>
/// <item><b>Product codes</b> match a configurable pattern (default: <c>CD-01</c>, <c>RR-02-017-OMNIE</c>), also as
/// whole tokens. A code that is also a keyword is that keyword. A code that ends in <c>-</c> and a keyword
/// (<c>RR-02-017-OMNIE</c>) is an article of that keyword's product: the product is the keyword (<c>OMNIE</c>) and the
/// code, upper-cased, is kept as its <see cref="ProductMention.Code"/>. Any other code, upper-cased, is both the
/// product and the code.</item>
/// <item><b>Product family names</b> (optional) match like keywords; a family of several words matches with any
/// whitespace between them.</item>
/// <item>Where matches overlap the longer one wins (<c>RR-02-017-OMNIE</c> is one code, not also <c>OMNIE</c>).</item>
/// <item><b>Quantities</b> stand right before the product: <c>2x</c>, <c>2 x</c>, <c>2×</c>, <c>2xOmnie</c>,
/// <c>2 Stk</c>, <c>2 Stk.</c>, <c>2 St.</c>, <c>2 Stück</c> (1 to 9999). A bare number (<c>2 Omnie</c>,
/// <c>Service 2024</c>) or a quantity after the product (<c>Omnie 2x</c>) is not a quantity.</item>
/// <item><b>Merging</b>: one result per product, in order of first mention. Explicit quantities add up
/// (<c>2x Omnie + 3x Omnie</c> is 5); a mention without a quantity counts 1 only when the product has no explicit
/// quantity (<c>Omnie Angebot: 2x Omnie</c> is 2, <c>Omnie, Omnie</c> is 1). A product named by keyword and by code
/// is one result (<c>Omnie RR-02-017-OMNIE</c>); its codes are listed once each, space-separated.</item>
/// </list>
/// Thread-safe; build one per run.
/// </summary>
public sealed class HeadingParser
{
    public const int CompoundMinimumLetters = 6;
    public const int MaxQuantity = 9999;

    /// <summary>
    /// Stops a runaway configured code pattern; it is wall-clock time, so it is generous enough that a busy or paused
    /// machine does not fail an ordinary match.
    /// </summary>
    private static readonly TimeSpan MatchTimeout = TimeSpan.FromSeconds(5);
    private const RegexOptions Options = RegexOptions.IgnoreCase | RegexOptions.CultureInvariant | RegexOptions.Compiled;

    /// <summary>Before a token: start, a non-alphanumeric character, or a glued quantity such as <c>2x</c>.</summary>
    private const string TokenStart = @"(?:(?<![\p{L}\p{N}])|(?<=\d[x×]))";
    private const string TokenEnd = @"(?![\p{L}\p{N}])";

    private static readonly Regex QuantityBefore = new(
        @"(?<![\p{L}\p{N}])(?<n>[1-9]\d{0,3})\s*(?:x|×|stk\.?|st\.|stück)\s*$", Options, MatchTimeout);

    private readonly IReadOnlyList<Term> _terms;
    private readonly Regex? _codes;
    private readonly Dictionary<string, string> _keywordNames = new(StringComparer.OrdinalIgnoreCase);
    /// <summary>The names a code can end in (<c>-OMNIE</c>), longest first.</summary>
    private readonly string[] _codeTails;

    /// <param name="keywords">Product keywords; each is its own canonical product name.</param>
    /// <param name="productCodePattern">A regular expression for product codes (without boundaries); null or empty for none.</param>
    /// <exception cref="ArgumentException">The pattern is not a valid regular expression.</exception>
    /// <param name="familyNames">Product family names to match too, if any.</param>
    public HeadingParser(IEnumerable<string> keywords, string? productCodePattern = null, IEnumerable<string>? familyNames = null)
    {
        var terms = new List<Term>();
        foreach (var name in keywords.Concat(familyNames ?? []).Select(n => n.Trim()).Where(n => n.Length > 0))
        {
            if (_keywordNames.TryAdd(name, name))
            {
                var words = name.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
                terms.Add(new Term(name, BuildTermRegex(name), words.All(w => Ascii.IsValid(w)) ? words : null));
            }
        }
        _terms = terms;
        _codeTails = [.. _keywordNames.Keys.OrderByDescending(n => n.Length)];
        if (!string.IsNullOrWhiteSpace(productCodePattern))
        {
            // Parse it on its own first: wrapped in the token boundaries, an unbalanced "[A-Z" would read as valid.
            _ = new Regex(productCodePattern, RegexOptions.CultureInvariant, MatchTimeout);
            _codes = new Regex(TokenStart + "(?:" + productCodePattern + ")" + TokenEnd, Options, MatchTimeout);
        }
    }

    /// <summary>Whether a keyword also matches as the head or tail of a compound word (see the class remarks).</summary>
    public static bool MatchesInCompounds(string keyword) =>
        keyword.Length >= CompoundMinimumLetters && keyword.All(char.IsLetter);

    /// <summary>The products the heading names, duplicates merged; empty for an empty heading or no match.</summary>
    /// <remarks>Runs once per sale in the report, so it enumerates matches without allocating them.</remarks>
    public IReadOnlyList<ProductMention> Parse(string? heading)
    {
        if (string.IsNullOrWhiteSpace(heading))
        {
            return [];
        }

        List<Candidate>? candidates = null;
        if (_codes is not null)
        {
            foreach (var match in _codes.EnumerateMatches(heading))
            {
                if (match.Length > 0)
                {
                    var code = string.Create(match.Length, (heading, match.Index), static (upper, at) =>
                        at.heading.AsSpan(at.Index, upper.Length).ToUpperInvariant(upper));
                    var (product, productCode) = ProductOfCode(code);
                    (candidates ??= new List<Candidate>(4)).Add(new Candidate(match.Index, match.Length, product, productCode));
                }
            }
        }
        var screen = !heading.AsSpan().ContainsAny(AsciiLookalikes);
        foreach (var term in _terms)
        {
            if (screen && term.Words is { } words && !ContainsAll(heading, words))
            {
                continue;
            }
            foreach (var match in term.Pattern.EnumerateMatches(heading))
            {
                (candidates ??= new List<Candidate>(4)).Add(new Candidate(match.Index, match.Length, term.Name, null));
            }
        }
        if (candidates is null)
        {
            return [];
        }

        // Earliest first, the longer of two at one place first; then keep those that do not overlap a kept one.
        candidates.Sort(static (a, b) => a.Start != b.Start ? a.Start.CompareTo(b.Start) : b.Length.CompareTo(a.Length));
        var merged = new List<(string Product, int Explicit, string? Codes)>(candidates.Count);
        var end = 0;
        foreach (var candidate in candidates)
        {
            if (candidate.Start < end)
            {
                continue;
            }
            var quantity = QuantityIn(heading.AsSpan(end, candidate.Start - end));
            end = candidate.Start + candidate.Length;

            var index = IndexOf(merged, candidate.Product);
            if (index < 0)
            {
                merged.Add((candidate.Product, quantity ?? 0, candidate.Code));
            }
            else
            {
                var current = merged[index];
                merged[index] = current with
                {
                    Explicit = quantity is { } q ? Math.Min(MaxQuantity, current.Explicit + q) : current.Explicit,
                    Codes = WithCode(current.Codes, candidate.Code),
                };
            }
        }
        var mentions = new ProductMention[merged.Count];
        for (var i = 0; i < mentions.Length; i++)
        {
            mentions[i] = new ProductMention(merged[i].Product, merged[i].Explicit > 0 ? merged[i].Explicit : 1, merged[i].Codes);
        }
        return mentions;
    }

    /// <summary>
    /// The product an upper-cased code names, and the code to keep with it: a keyword is itself (no code); a code ending
    /// in <c>-</c> and a keyword is that keyword's product; any other code is its own product.
    /// </summary>
    private (string Product, string? Code) ProductOfCode(string code)
    {
        if (_keywordNames.TryGetValue(code, out var keyword))
        {
            return (keyword, null);
        }
        foreach (var name in _codeTails)
        {
            if (code.Length > name.Length + 1 && code[code.Length - name.Length - 1] == '-'
                && code.EndsWith(name, StringComparison.OrdinalIgnoreCase))
            {
                return (_keywordNames[name], code);
            }
        }
        return (code, code);
    }

    /// <summary>The codes of a product with <paramref name="code"/> added once (space-separated, in order of mention).</summary>
    private static string? WithCode(string? codes, string? code)
    {
        if (code is null || codes is null)
        {
            return codes ?? code;
        }
        foreach (var existing in codes.Split(' '))
        {
            if (existing == code)
            {
                return codes;
            }
        }
        return codes + " " + code;
    }

    private static int IndexOf(List<(string Product, int Explicit, string? Codes)> merged, string product)
    {
        for (var i = 0; i < merged.Count; i++)
        {
            if (string.Equals(merged[i].Product, product, StringComparison.OrdinalIgnoreCase))
            {
                return i;
            }
        }
        return -1;
    }

    /// <summary>
    /// Characters that case-insensitive matching treats as equal to an ASCII letter (Kelvin sign and k, long s and s,
    /// dotted and dotless i). In a heading without them, an ASCII term can only match where its words appear
    /// ordinally ignoring case, so a term whose words are absent is skipped without running its regex.
    /// </summary>
    private static readonly SearchValues<char> AsciiLookalikes = SearchValues.Create("\u212A\u017F\u0130\u0131");

    private static bool ContainsAll(string heading, string[] words)
    {
        foreach (var word in words)
        {
            if (!heading.Contains(word, StringComparison.OrdinalIgnoreCase))
            {
                return false;
            }
        }
        return true;
    }

    /// <summary>The quantity that ends <paramref name="before"/> (see <see cref="QuantityBefore"/>); its number starts the match.</summary>
    private static int? QuantityIn(ReadOnlySpan<char> before)
    {
        foreach (var match in QuantityBefore.EnumerateMatches(before))
        {
            var digits = before[match.Index..];
            var length = digits.IndexOfAnyExceptInRange('0', '9');
            return int.Parse(length < 0 ? digits : digits[..length], NumberStyles.None, CultureInfo.InvariantCulture);
        }
        return null;
    }

    private static Regex BuildTermRegex(string name)
    {
        var escaped = string.Join(@"\s+", name.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries).Select(Regex.Escape));
        var body = MatchesInCompounds(name) ? $@"(?:{escaped}\p{{L}}*|\p{{L}}+{escaped})" : escaped;
        return new Regex(TokenStart + body + TokenEnd, Options, MatchTimeout);
    }

    /// <param name="Words">The term's words when all are ASCII (for the screen in <see cref="Parse"/>), else null.</param>
    private sealed record Term(string Name, Regex Pattern, string[]? Words);

    private readonly record struct Candidate(int Start, int Length, string Product, string? Code);
}
