import './external';
import './policy';
import './eligibility';
import './delivery';
import './application';
import './payout';
import './report';
