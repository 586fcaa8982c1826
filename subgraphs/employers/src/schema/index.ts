import './region';
import './employer';
import './vacancy';
import './referral';
