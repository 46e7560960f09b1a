// An offline price table for cost estimates: on-demand, US East (N. Virginia) us-east-1, hourly
// USD, for the common EC2 instance types (Linux, shared tenancy) and RDS instance classes
// (Single-AZ; Multi-AZ costs twice the instance hours, as AWS's RDS user guide says: "can cost
// approximately twice as much"), plus RDS storage per GB-month.
//
// Where the figures come from, honestly: there is no network where this table was compiled
// (2026-11-29), so it could not be read from AWS's price list API or pricing pages. Each figure
// is tagged:
// - `seen`: the figure appeared, for us-east-1 on-demand, on the public page named in `source`
//   (third-party pages found by a search over stored web pages, not AWS's own price list);
// - `unconfirmed`: from the compiler's knowledge of AWS's published on-demand prices (as they
//   stood for several years up to 2024); not confirmed against any source here.
// AWS changes prices; check https://aws.amazon.com/ec2/pricing/on-demand/ and
// https://aws.amazon.com/rds/pricing/ before acting on a figure. Estimates are instance hours (and
// storage) only: no backups, I/O, data transfer, licences or discounts.

export interface Price {
  usd: number;
  basis: 'seen' | 'unconfirmed';
  source?: string;
}

export const PRICE_TABLE_DATE = '2026-11-29';
export const PRICE_TABLE_REGION = 'us-east-1';
/** Hours in a month, as AWS's own calculator counts them. */
export const HOURS_PER_MONTH = 730;

const WRING = 'https://wring.co/blog/aws-ec2-pricing-guide (2026-03-08)';
const GOCLOUD = 'https://go-cloud.io/?p=10607 (2026)';
const FACTUAL = 'https://www.factualminds.com/blog/amazon-ec2-on-demand-pricing-instance-families-2026/ (2026-06-17)';
const INFRATALLY = 'https://infratally.com/articles/aws-rds-pricing-explained-2026.html (2026)';
const C3X = 'https://c3x.dev/resources/aws/aws_db_instance ($0.50/h Multi-AZ PostgreSQL, halved)';
const USAGE_AI = 'https://www.usage.ai/blogs/aws/reserved-instances/rds/pricing-calculator/ (June 2026)';
const NPBLUE = 'https://npblue.com/cloud/aws/ec2-pricing-models/ (2026)';
const AWS_EXAMPLE = 'https://docs.amazonaws.cn/en_us/autoscaling/ec2/userguide/weights-spot-price-per-unit-hour-example.html (AWS calls it example pricing, not current pricing)';

const u = (usd: number): Price => ({ usd, basis: 'unconfirmed' });
const seen = (usd: number, source: string): Price => ({ usd, basis: 'seen', source });

/** EC2 on-demand, Linux, per hour. */
export const EC2_HOURLY: Readonly<Record<string, Price>> = {
  't3.nano': u(0.0052),
  't3.micro': seen(0.0104, WRING),
  't3.small': u(0.0208),
  't3.medium': u(0.0416),
  't3.large': seen(0.0832, GOCLOUD),
  't3.xlarge': u(0.1664),
  't3.2xlarge': u(0.3328),
  't3a.micro': u(0.0094),
  't3a.small': u(0.0188),
  't3a.medium': u(0.0376),
  't3a.large': u(0.0752),
  't4g.micro': u(0.0084),
  't4g.small': u(0.0168),
  't4g.medium': u(0.0336),
  't4g.large': u(0.0672),
  'm5.large': u(0.096),
  'm5.xlarge': seen(0.192, NPBLUE),
  'm5.2xlarge': u(0.384),
  'm5.4xlarge': u(0.768),
  'm6i.large': u(0.096),
  'm6i.xlarge': u(0.192),
  'm6i.2xlarge': u(0.384),
  'm7g.large': seen(0.0816, FACTUAL),
  'c5.large': u(0.085),
  'c5.xlarge': u(0.17),
  'c5.2xlarge': seen(0.34, AWS_EXAMPLE),
  'r5.large': u(0.126),
  'r5.xlarge': u(0.252),
  'r5.2xlarge': u(0.504),
};

/** RDS on-demand, Single-AZ, per hour, by engine family. */
export const RDS_HOURLY: Readonly<Record<'postgres' | 'mysql', Readonly<Record<string, Price>>>> = {
  postgres: {
    // https://docs.fjall.io/resources/database/rds-free-tier says "~0.017/hour" for PostgreSQL
    // db.t3.micro: a conflicting figure, so this one stays unconfirmed.
    'db.t3.micro': u(0.018),
    'db.t3.small': u(0.036),
    'db.t3.medium': u(0.072),
    'db.t3.large': u(0.145),
    'db.t4g.micro': seen(0.016, INFRATALLY),
    'db.t4g.small': seen(0.032, INFRATALLY),
    'db.t4g.medium': seen(0.065, INFRATALLY),
    'db.m5.large': u(0.178),
    'db.m5.xlarge': u(0.356),
    'db.m5.2xlarge': u(0.712),
    'db.r5.large': seen(0.25, C3X),
    'db.r5.xlarge': u(0.5),
    'db.r5.2xlarge': u(1.0),
  },
  mysql: {
    'db.t3.micro': u(0.017),
    'db.t3.small': u(0.034),
    'db.t3.medium': u(0.068),
    'db.t3.large': u(0.136),
    'db.t4g.micro': u(0.016),
    'db.t4g.small': u(0.032),
    'db.t4g.medium': u(0.065),
    'db.m5.large': u(0.171),
    'db.m5.xlarge': u(0.342),
    'db.m5.2xlarge': u(0.684),
    'db.r5.large': u(0.24),
    'db.r5.xlarge': u(0.48),
    'db.r5.2xlarge': u(0.96),
  },
};

/** RDS General Purpose (gp2/gp3) storage, Single-AZ, per GB-month. */
export const RDS_STORAGE_GB_MONTH: Price = seen(0.115, USAGE_AI);

/**
 * The RDS price list an engine is billed by (MariaDB like MySQL: unconfirmed); null when the
 * table has none (Oracle, SQL Server, Aurora, ...).
 */
export function rdsEngineFamily(engine: string | null): 'postgres' | 'mysql' | null {
  if (engine === 'postgres') return 'postgres';
  if (engine === 'mysql' || engine === 'mariadb') return 'mysql';
  return null;
}

/** The hourly price of an RDS instance class for an engine, Single-AZ; null when not in the table. */
export function rdsHourly(engine: string | null, cls: string): Price | null {
  const family = rdsEngineFamily(engine);
  return family ? (RDS_HOURLY[family][cls] ?? null) : null;
}

/** Dollars as reports print them: `$1,234.56`. */
export function money(usd: number): string {
  return `$${usd.toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 })}`;
}

/** One line naming the table, for reports. */
export function priceTableLabel(): string {
  return `on-demand ${PRICE_TABLE_REGION} prices of tfcodemod's offline table (${PRICE_TABLE_DATE}; most figures unconfirmed, see src/terraform/aws-prices.ts), ${HOURS_PER_MONTH} hours a month`;
}
