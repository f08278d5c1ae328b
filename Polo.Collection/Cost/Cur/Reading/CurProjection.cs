using System.Text;
using Polo.Collection.Cost.Tagging;
using static Polo.Collection.Cost.Cur.Reading.CurColumnNames;

namespace Polo.Collection.Cost.Cur.Reading;

/// <summary>
/// The SQL that maps one CUR file, whatever its shape, onto the ledger's fixed target schema: hour, account, region,
/// service, usage type, resource, identity from tags, line item type, pricing unit, currency, commitment ARN,
/// billing period, billed tags, cost, usage and every optional measure (NULL when the file has no such column).
/// Every line also gets <c>err</c> (empty when the line is valid; otherwise why, naming the file's own column) and
/// <c>row_no</c> (1-based data row). The engine does all of it; no line passes through C#.
/// </summary>
public sealed class CurProjection
{
    /// <summary>The target columns the projection yields, in order (besides account_name, err and row_no).</summary>
    public static readonly string[] KeyColumns =
    [
        "hour", "account_id", "region", "service", "usage_type", "resource_id", "resource_type", "customer", "cluster",
        "index_name", "line_item_type", "pricing_unit", "currency", "commitment_arn", "billing_period", "billed_tags",
    ];

    public static readonly string[] MeasureColumns = ["cost", "usage_amount", .. Measures.Select(m => m.Ledger)];

    private readonly CurFileSchema _schema;
    private readonly HierarchyTagKeys _tagKeys;
    private readonly List<CurSourceColumn> _used = [];

    public CurProjection(CurFileSchema schema, HierarchyTagKeys tagKeys)
    {
        _schema = schema;
        _tagKeys = tagKeys;
    }

    /// <summary>SELECT … FROM file(…) yielding the target columns plus account_name, err and row_no.</summary>
    public string Select()
    {
        _used.Clear();
        var outer = new StringBuilder();
        void Col(string expr, string alias) => outer.Append(outer.Length == 0 ? "" : ",\n       ").Append(expr).Append(" AS ").Append(alias);

        // Parsed values (p_*), then the target columns built from them.
        Col(Date(UsageStart, required: true), "p_start");
        Col(Text(Account), "p_account");
        Col(Text(AccountName), "p_account_name");
        Col(RegionExpr(), "p_region");
        Col(Text(ProductCode), "p_product");
        Col(Text(UsageType), "p_usage_type");
        Col(Text(ResourceId), "p_resource");
        Col(Money(UnblendedCost, emptyIsZero: true), "p_cost");
        Col(Quantity(UsageAmount), "p_usage");
        Col($"if({Text(LineItemType)} = '', 'Usage', {Text(LineItemType)})", "p_type");
        Col(Text(PricingUnit), "p_unit");
        Col($"if({Text(Currency)} = '', 'USD', {Text(Currency)})", "p_currency");
        Col($"if({Text(SavingsPlanArn)} != '', {Text(SavingsPlanArn)}, {Text(ReservationArn)})", "p_commitment");
        Col(_schema[BillingPeriodStart] is null ? "CAST(NULL AS Nullable(DateTime('UTC')))" : Date(BillingPeriodStart, required: false), "p_bp");
        Col(TagsExpr(), "billed_tags");
        foreach (var (ledger, source) in Measures) Col(Money(source, emptyIsZero: false), "m_" + ledger);

        Col("toStartOfHour(p_start)", "hour");
        Col("p_account", "account_id");
        Col("p_account_name", "account_name");
        Col("p_region", "region");
        Col("replaceRegexpOne(p_usage_type, '^[A-Z]{2,5}[0-9]?-([A-Za-z])', '\\\\1')", "usage_type");
        Col("if(p_product = 'AmazonEC2' AND startsWith(usage_type, 'EBS:'), 'AmazonEBS', p_product)", "service");
        Col("if(startsWith(p_resource, 'arn:aws:ec2:') AND position(p_resource, '/') > 0 AND NOT endsWith(p_resource, '/'), " +
            "substring(p_resource, length(p_resource) - position(reverse(p_resource), '/') + 2), p_resource)", "resource_id");
        Col("""
            multiIf(position(usage_type, 'EKSPod-EC2') > 0, 'eks_pod', position(usage_type, 'ECSTask-EC2') > 0, 'ecs_task',
                    resource_id = '', '', startsWith(resource_id, 'i-'), 'ec2_instance', startsWith(resource_id, 'vol-'), 'ebs_volume',
                    startsWith(resource_id, 'snap-'), 'ebs_snapshot', startsWith(resource_id, 'nat-'), 'nat_gateway',
                    startsWith(resource_id, 'eipalloc-'), 'elastic_ip', startsWith(resource_id, 'eni-'), 'network_interface',
                    startsWith(resource_id, 'elb-') OR position(resource_id, ':elasticloadbalancing:') > 0, 'load_balancer', '')
            """, "resource_type");
        // The hierarchy identity, by the rule ec2-config and lifecycle use (exact name first, unique folded match else).
        var identity = Polo.Data.Tagging.TagResolver.SqlValues("billed_tags", [_tagKeys.Customer, _tagKeys.Cluster, _tagKeys.Index]);
        Col(identity[0], "customer");
        Col(identity[1], "cluster");
        Col(identity[2], "index_name");
        Col("p_type", "line_item_type");
        Col("p_unit", "pricing_unit");
        Col("p_currency", "currency");
        Col("p_commitment", "commitment_arn");
        Col("toDate(ifNull(p_bp, toStartOfMonth(p_start)))", "billing_period");
        // Amounts are rounded per line to the ledger's 6 decimals (see Money), so any grouping of lines sums exactly.
        Col("ifNull(p_cost, toDecimal64(0, 6))", "cost");
        Col("ifNull(p_usage, 0)", "usage_amount");
        foreach (var (ledger, _) in Measures) Col($"m_{ledger}", ledger);
        Col(ErrorExpr(), "err");
        Col("toUInt64(_row_number + 1)", "row_no");

        var inner = string.Join(", ", _used.Distinct().Select((c, i) => $"{c.Sql} AS {Alias(c)}"));
        return $"SELECT {outer}\nFROM (SELECT {inner}, _row_number FROM {_schema.TableFunction(_used)})";
    }

    // ---- value expressions over the file's own columns -----------------------------------------------------------

    private string Use(CurSourceColumn c)
    {
        if (!_used.Contains(c)) _used.Add(c);
        return Alias(c);
    }

    private string Alias(CurSourceColumn c) => "c" + _schema.Columns.ToList().IndexOf(c);

    private string Text(string canonical)
    {
        var c = _schema[canonical];
        if (c is null) return "''";
        return c.IsString ? $"ifNull({Use(c)}, '')" : $"ifNull(toString({Use(c)}), '')";
    }

    /// <summary>A column's amounts as the ledger keeps them: Nullable(Decimal64(6)), the file's value taken to 10 decimals
    /// (cut) and rounded half away from zero to 6 (NULL when the column is absent, or holds text that is not a number).</summary>
    /// <remarks>A Float64 column (CUR 2.0 and legacy Parquet hold amounts as doubles) below 9·10⁸ in magnitude takes the
    /// same two steps in Int64 arithmetic: the digits x·10¹⁰ cut to an integer (what the engine's Float64 → Decimal128(10)
    /// conversion keeps), then divided by 10⁴ with half away from zero. Bit for bit the same Decimal64(6) as
    /// <c>round(toDecimal128(x, 10), 6)</c> (checked on 17.5M doubles: random bit patterns, 7- and 10-decimal amounts,
    /// negatives), about 2.5× cheaper: ~0.3 s wall of a 5M-line load with five amount columns. Larger values (and NaN or
    /// infinities, which fail the comparison) take the Decimal128 path, which reports an overflow as before.</remarks>
    private string Money(string canonical, bool emptyIsZero)
    {
        var c = _schema[canonical];
        if (c is null) return "CAST(NULL AS Nullable(Decimal64(6)))";
        var d = Decimal10(c, emptyIsZero);
        var exact = $"CAST(round({d}, 6) AS Nullable(Decimal64(6)))";
        if (!c.IsFloat) return exact;
        var x = Use(c);
        return $"if(abs({x}) < 9e8, toDecimal64(intDiv(toInt64({x} * 1e10) + if({x} >= 0, 5000, -5000), 10000), 0) * " +
               $"toDecimal64('0.000001', 6), {exact})";
    }

    /// <summary>A quantity (usage amount) as the ledger keeps it: Nullable(Float64), the file's value taken to 10 decimals
    /// (cut) as <see cref="Money"/> does; a Float64 column below 9·10⁸ takes it in Int64 arithmetic (bit for bit the same
    /// double as <c>toFloat64(toDecimal128(x, 10))</c>).</summary>
    private string Quantity(string canonical)
    {
        var c = _schema[canonical];
        if (c is null) return "CAST(NULL AS Nullable(Float64))";
        var exact = $"toFloat64({Decimal10(c, emptyIsZero: true)})";
        if (!c.IsFloat) return exact;
        var x = Use(c);
        return $"if(abs({x}) < 9e8, toInt64({x} * 1e10) / 1e10, {exact})";
    }

    /// <summary>A numeric or text column as Nullable(Decimal128(10)); text that is not a number is NULL (the error
    /// check names it), empty text is 0 when <paramref name="emptyIsZero"/>, NULL otherwise.</summary>
    private string Decimal10(CurSourceColumn c, bool emptyIsZero)
    {
        if (!c.IsString && !c.IsNumeric)
            throw new CurFormatException(_schema.File.Name, null, $"column {c.Raw} has type {c.Type}, not a number");
        if (!c.IsString) return $"CAST(toDecimal128({Use(c)}, 10) AS Nullable(Decimal128(10)))";
        var v = $"trimBoth(ifNull({Use(c)}, ''))";
        return emptyIsZero
            ? $"if({v} = '', toNullable(toDecimal128(0, 10)), toDecimal128OrNull({v}, 10))"
            : $"toDecimal128OrNull(nullIf({v}, ''), 10)";
    }

    private string Date(string canonical, bool required)
    {
        var c = _schema[canonical]!;
        if (c.IsDateTime) return $"toNullable(toDateTime({Use(c)}, 'UTC'))";
        return $"parseDateTimeBestEffortOrNull(trimBoth(ifNull({Text(canonical)}, '')), 'UTC')";
    }

    private string RegionExpr()
    {
        if (_schema[RegionCode] is not null) return Text(RegionCode);
        if (_schema[Region] is not null) return Text(Region);
        var product = _schema["product"];
        if (product is null) return "''";
        return product.IsMap ? $"ifNull({Use(product)}['region'], '')" : $"JSONExtractString(ifNull({Use(product)}, ''), 'region')";
    }

    private string TagsExpr()
    {
        const string strip = "if(startsWith(k, 'user:') OR startsWith(k, 'user_'), substring(k, 6), k)";
        string raw;
        var map = _schema[ResourceTags];
        if (map is not null && map.IsMap) raw = $"mapApply((k, v) -> ({strip}, v), ifNull({Use(map)}, map()))";
        else if (map is not null)
        {
            var kv = $"JSONExtractKeysAndValues(ifNull({Use(map)}, ''), 'String')";
            raw = $"mapApply((k, v) -> ({strip}, v), mapFromArrays(arrayMap(x -> x.1, {kv}), arrayMap(x -> x.2, {kv})))";
        }
        else if (_schema.TagColumns.Count > 0)
        {
            raw = "map(" + string.Join(", ", _schema.TagColumns.Select(t =>
                $"'{Escape(t.Key)}', {(t.Column.IsString ? $"ifNull({Use(t.Column)}, '')" : $"ifNull(toString({Use(t.Column)}), '')")}")) + ")";
        }
        else return "CAST(map() AS Map(String, String))";
        return $"mapSort(mapFilter((k, v) -> v != '', CAST({raw} AS Map(String, String))))";
    }

    private string ErrorExpr()
    {
        var checks = new List<(string Condition, string Message)>();
        var start = _schema[UsageStart]!;
        checks.Add(($"p_start IS NULL AND {Text(UsageStart)} = ''", $"'{Escape(start.Raw)} is empty'"));
        checks.Add(("p_start IS NULL", $"concat('{Escape(start.Raw)} ''', {Text(UsageStart)}, ''' is not a date')"));
        checks.Add(("p_account = ''", $"'{Escape(_schema[Account]!.Raw)} is empty'"));
        checks.Add(("p_product = ''", $"'{Escape(_schema[ProductCode]!.Raw)} is empty'"));
        foreach (var canonical in new[] { UnblendedCost, UsageAmount }.Concat(Measures.Select(m => m.Source)))
        {
            var c = _schema[canonical];
            if (c is null || !c.IsString) continue;
            var alias = canonical == UnblendedCost ? "p_cost" : canonical == UsageAmount ? "p_usage"
                : "m_" + Measures.First(m => m.Source == canonical).Ledger;
            checks.Add(($"{alias} IS NULL AND trimBoth({Text(canonical)}) != ''",
                $"concat('{Escape(c.Raw)} ''', {Text(canonical)}, ''' is not a number')"));
        }
        var bp = _schema[BillingPeriodStart];
        if (bp is not null && !bp.IsDateTime)
            checks.Add(($"p_bp IS NULL AND {Text(BillingPeriodStart)} != ''",
                $"concat('{Escape(bp.Raw)} ''', {Text(BillingPeriodStart)}, ''' is not a date')"));
        var tags = _schema[ResourceTags];
        if (tags is not null && !tags.IsMap)
            checks.Add(($"{Text(ResourceTags)} != '' AND NOT isValidJSON({Text(ResourceTags)})", $"'{ResourceTags} is not valid JSON'"));
        return "multiIf(" + string.Join(", ", checks.Select(c => $"{c.Condition}, {c.Message}")) + ", '')";
    }

    private static string Sanitize(string key)
    {
        var sb = new StringBuilder(key.Length);
        foreach (var c in key) sb.Append(char.IsLetterOrDigit(c) ? c : '_');
        return sb.ToString();
    }

    private static string Escape(string s) => s.Replace("\\", "\\\\").Replace("'", "\\'");
}
