namespace Polo.Data.Vocabulary;

/// <summary>Values of the <c>resource_type</c> column, shared by collectors, the demo estate and the analysis.</summary>
public static class ResourceTypes
{
    public const string Instance = "ec2_instance";
    public const string Volume = "ebs_volume";
    public const string Snapshot = "ebs_snapshot";
    public const string NatGateway = "nat_gateway";
    public const string ElasticIp = "elastic_ip";
    public const string NetworkInterface = "network_interface";
    public const string LoadBalancer = "load_balancer";

    // Read from a billed resource id or ARN (bill-only resources, Polo.Data/Inventory).
    public const string RdsDb = "rds_db";
    public const string RdsCluster = "rds_cluster";
    public const string RdsSnapshot = "rds_snapshot";
    public const string GlueJob = "glue_job";
    public const string GlueDevEndpoint = "glue_dev_endpoint";
    public const string GlueCrawler = "glue_crawler";
    public const string S3Bucket = "s3_bucket";
    public const string LambdaFunction = "lambda_function";
    public const string DynamoDbTable = "dynamodb_table";

    /// <summary>A billed id whose type the id does not say (other ARNs read as service_type, e.g. sagemaker_notebook_instance).</summary>
    public const string BilledResource = "billed_resource";

    /// <summary>Every type the EC2 collector observes.</summary>
    public static readonly IReadOnlyList<string> Ec2 = [Instance, Volume, Snapshot, NatGateway, ElasticIp, NetworkInterface, LoadBalancer];

    /// <summary>Readable singular noun: "instance", "volume", "NAT gateway"; unknown types read with spaces.</summary>
    public static string Noun(string resourceType) => resourceType switch
    {
        Instance => "instance",
        Volume => "volume",
        Snapshot => "snapshot",
        NatGateway => "NAT gateway",
        ElasticIp => "elastic IP",
        NetworkInterface => "network interface",
        LoadBalancer => "load balancer",
        RdsDb => "RDS database",
        RdsCluster => "RDS cluster",
        RdsSnapshot => "RDS snapshot",
        GlueJob => "Glue job",
        GlueDevEndpoint => "Glue dev endpoint",
        GlueCrawler => "Glue crawler",
        S3Bucket => "S3 bucket",
        LambdaFunction => "Lambda function",
        DynamoDbTable => "DynamoDB table",
        BilledResource => "billed resource",
        var t => t.Replace('_', ' '),
    };
}
