import './region';
import './employer';
import './vacancy';
import './referral';
import './hiring-plan';
import './job-fair';
import './statistics';
