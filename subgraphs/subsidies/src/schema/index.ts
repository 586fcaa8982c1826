import './policy';
import './eligibility';
