using static Polo.Data.Vocabulary.ResourceTypes;

namespace Polo.Data.Inventory;

/// <summary>
/// The SQL that reads a resource type (<see cref="Vocabulary.ResourceTypes"/>) and a name from a billed resource id or
/// ARN, beyond the EC2 types the config collector writes.
/// </summary>
internal static class BilledResourceTypes
{
    /// <summary>
    /// SQL giving the type of <paramref name="id"/> billed under <paramref name="service"/> (both fixed column
    /// names, never input). Bare EC2 ids by prefix; ARNs by service and resource part
    /// (<c>arn:aws:rds:…:db:name</c> → rds_db, <c>arn:aws:glue:…:devEndpoint/x</c> → glue_dev_endpoint); an S3 line's
    /// bare id is its bucket; any other ARN becomes <c>service_type</c> (e.g. sagemaker_notebook_instance).
    /// </summary>
    public static string Sql(string id, string service)
    {
        var arnService = $"splitByChar(':', {id})[3]";
        var arnResource = $"arrayStringConcat(arraySlice(splitByChar(':', {id}), 6), ':')";
        var ec2Tail = $"splitByChar('/', {id})[-1]";
        return $"""
            multiIf(
                match({id}, '^arn:aws[a-z-]*:ec2:'), {Ec2ById(ec2Tail)},
                NOT startsWith({id}, 'arn:') AND {Ec2ById(id)} != '', {Ec2ById(id)},
                match({id}, '^arn:aws[a-z-]*:elasticloadbalancing:'), '{LoadBalancer}',
                {arnService} = 'rds' AND startsWith({arnResource}, 'db:'), '{RdsDb}',
                {arnService} = 'rds' AND startsWith({arnResource}, 'cluster:'), '{RdsCluster}',
                {arnService} = 'rds' AND match({arnResource}, '^(cluster-)?snapshot:'), '{RdsSnapshot}',
                {arnService} = 'glue' AND startsWith({arnResource}, 'job/'), '{GlueJob}',
                {arnService} = 'glue' AND startsWith({arnResource}, 'devEndpoint/'), '{GlueDevEndpoint}',
                {arnService} = 'glue' AND startsWith({arnResource}, 'crawler/'), '{GlueCrawler}',
                {arnService} = 'lambda' AND startsWith({arnResource}, 'function:'), '{LambdaFunction}',
                {arnService} = 'dynamodb' AND startsWith({arnResource}, 'table/'), '{DynamoDbTable}',
                {arnService} = 's3', '{S3Bucket}',
                NOT startsWith({id}, 'arn:') AND {service} = 'AmazonS3', '{S3Bucket}',
                startsWith({id}, 'arn:') AND extract({arnResource}, '^([A-Za-z][A-Za-z-]*)[/:]') != '',
                    lower(replaceAll(concat({arnService}, '_', extract({arnResource}, '^([A-Za-z][A-Za-z-]*)[/:]')), '-', '_')),
                '{BilledResource}')
            """;
    }

    /// <summary>SQL for a bare EC2 id's type by prefix, '' when it is none of them.</summary>
    private static string Ec2ById(string id) => $"""
        multiIf(match({id}, '^i-[0-9a-f]+$'), '{Instance}', startsWith({id}, 'vol-'), '{Volume}',
                startsWith({id}, 'snap-'), '{Snapshot}', startsWith({id}, 'nat-'), '{NatGateway}',
                startsWith({id}, 'eipalloc-'), '{ElasticIp}', startsWith({id}, 'eni-'), '{NetworkInterface}',
                startsWith({id}, 'elb-'), '{LoadBalancer}', '')
        """;

    /// <summary>SQL for a readable name: the <c>Name</c> tag, else an ARN's last part (after '/' or ':'), else ''.</summary>
    public static string NameSql(string id, string tags) => $"""
        multiIf({tags}['Name'] != '', {tags}['Name'],
                startsWith({id}, 'arn:'), splitByRegexp('[/:]', {id})[-1],
                '')
        """;
}
