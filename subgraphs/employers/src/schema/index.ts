import './region';
import './employer';
import './vacancy';
